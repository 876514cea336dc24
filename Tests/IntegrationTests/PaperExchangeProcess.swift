import Foundation
import Shared

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A running `paperexchange` binary for integration tests: launched with `--port 0`, ready once
/// it printed its listening line, stopped with SIGTERM by `stop()` (call it in a `defer`).
///
/// The binary is looked up in `$QT_BIN_DIR` (the test script exports `swift build --show-bin-path`),
/// then next to the test bundle, then in `.build/debug`.
final class PaperExchangeProcess: @unchecked Sendable {
    let process: Process
    let port: Int
    let apiKey: String
    let apiSecret: String
    /// The token `admin(...)` sends in `X-Admin-Token` (given to the exchange as `PAPER_ADMIN_TOKEN`).
    let adminToken: String
    /// Where the exchange's stderr log goes (kept for failure diagnosis).
    let logFile: String

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Why the exchange could not be started.
    struct LaunchError: Error, CustomStringConvertible {
        var description: String
    }

    private init(process: Process, port: Int, apiKey: String, apiSecret: String, adminToken: String, logFile: String) {
        self.process = process
        self.port = port
        self.apiKey = apiKey
        self.apiSecret = apiSecret
        self.adminToken = adminToken
        self.logFile = logFile
    }

    /// The directory holding the built `paperexchange`.
    static func binary() throws -> URL {
        var candidates: [URL] = []
        if let dir = ProcessInfo.processInfo.environment["QT_BIN_DIR"], !dir.isEmpty {
            candidates.append(URL(fileURLWithPath: dir))
        }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(runner.deletingLastPathComponent())
        candidates.append(runner.deletingLastPathComponent().deletingLastPathComponent())
        candidates.append(
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug"))
        for dir in candidates {
            let url = dir.appendingPathComponent("paperexchange")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw LaunchError(description: "paperexchange binary not found in \(candidates.map(\.path)); set QT_BIN_DIR")
    }

    /// `--speed` for a test that sets prices (admin `price`) and expects fills at exactly them.
    /// The markets step once per simulated second and the clock starts at the real time (any
    /// millisecond), so at `--speed 0.001` (a simulated millisecond per real second) a second
    /// could end within tens of real seconds (a loaded run stalls a test for 50 s) and move the
    /// price between `admin/price` and the order (one run in twenty); at 10⁻⁶ that takes at least
    /// 1,000 s × the milliseconds left in the first second.
    static let frozenSpeed = "0.000001"

    /// Starts `paperexchange run --port 0` with `arguments` and waits for its listening line.
    /// The exchange gets `adminToken` (a fresh random one unless given) as `PAPER_ADMIN_TOKEN`.
    static func launch(
        _ arguments: [String] = [], apiKey: String = "test-key", apiSecret: String = "test-secret-0123456789",
        adminToken: String = "admin-\(UUID().uuidString.lowercased())"
    ) async throws -> PaperExchangeProcess {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = ["run", "--port", "0", "--api-key", apiKey, "--api-secret", apiSecret] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PAPER_ADMIN_TOKEN"] = adminToken
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        let logFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("paperexchange-\(UUID().uuidString).log").path
        _ = FileManager.default.createFile(atPath: logFile, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: logFile)
        try process.run()
        let line = await firstLine(of: output.fileHandleForReading, timeout: 60)
        let prefix = "paperexchange listening on http://"
        guard let line, line.hasPrefix(prefix), let colon = line.lastIndex(of: ":"),
            let port = Int(line[line.index(after: colon)...])
        else {
            process.terminate()
            let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
            throw LaunchError(description: "no listening line (got \(line ?? "nothing")); log: \(log)")
        }
        return PaperExchangeProcess(
            process: process, port: port, apiKey: apiKey, apiSecret: apiSecret, adminToken: adminToken, logFile: logFile
        )
    }

    /// Reads the first line of `handle` on a background thread, or nil after `timeout` seconds.
    private static func firstLine(of handle: FileHandle, timeout: Double) async -> String? {
        await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
            let once = ResumeOnce(continuation)
            DispatchQueue.global().async {
                var buffer = Data()
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    buffer.append(chunk)
                    if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                        once.resume(String(decoding: buffer[..<newline], as: UTF8.self))
                        return
                    }
                }
                once.resume(nil)
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { once.resume(nil) }
        }
    }

    /// Sends SIGTERM and waits (up to 10 s) for the exit; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: logFile)
        return process.terminationStatus
    }

    /// The current real time in milliseconds, as clients put it in `timestamp`.
    static func nowMillis() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}

extension PaperExchangeProcess {
    /// An HTTP answer of the exchange.
    struct Reply: @unchecked Sendable {
        var status: Int
        var body: Data
        var headers: [String: String]

        var json: Any? { try? JSONSerialization.jsonObject(with: body) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
        /// Binance's error code, when the body is an error.
        var code: Int? { object["code"] as? Int }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Form-encodes parameters exactly as they will be sent (and signed).
    static func encode(_ parameters: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return parameters.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
    }

    /// Sends a request. With `signed`, `timestamp` (real time unless given) and `signature`
    /// are appended; `inBody` moves every parameter into a form body as ccxt does.
    func send(
        _ method: String, _ path: String, _ parameters: [(String, String)] = [], signed: Bool = false,
        inBody: Bool = false, apiKey: String? = nil, secret: String? = nil, timestamp: Int64? = nil,
        headers extraHeaders: [String: String] = [:]
    ) async throws -> Reply {
        var parameters = parameters
        if signed {
            parameters.append(("timestamp", "\(timestamp ?? Self.nowMillis())"))
            let payload = Self.encode(parameters)
            parameters.append(("signature", Digest.hmacSHA256Hex(key: secret ?? apiSecret, message: payload)))
        }
        let encoded = Self.encode(parameters)
        var url = baseURL + path
        if !inBody && !encoded.isEmpty { url += "?" + encoded }
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        if signed || apiKey != nil { request.setValue(apiKey ?? self.apiKey, forHTTPHeaderField: "X-MBX-APIKEY") }
        for (name, value) in extraHeaders { request.setValue(value, forHTTPHeaderField: name) }
        if inBody {
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(encoded.utf8)
        }
        let (data, response) = try await URLSession.shared.uncancellableData(for: request)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            headers[String(describing: key).lowercased()] = String(describing: value)
        }
        return Reply(status: http.statusCode, body: data, headers: headers)
    }

    /// A signed request (parameters in the query string unless `inBody`).
    func signed(_ method: String, _ path: String, _ parameters: [(String, String)] = [], inBody: Bool = false)
        async throws -> Reply
    {
        try await send(method, path, parameters, signed: true, inBody: inBody)
    }

    /// An admin call (`--admin` must have been given) with `X-Admin-Token`: the exchange's own
    /// token, `token` instead when given, or no header at all when `sendsToken` is false.
    @discardableResult
    func admin(
        _ path: String, _ parameters: [(String, String)] = [], method: String = "POST", token: String? = nil,
        sendsToken: Bool = true
    ) async throws -> Reply {
        let headers = sendsToken ? ["X-Admin-Token": token ?? adminToken] : [:]
        return try await send(method, "/admin/" + path, parameters, headers: headers)
    }
}

/// A decimal field of a Binance answer (they are JSON strings).
func decimal(_ value: Any?) -> Decimal? {
    guard let text = value as? String else { return nil }
    return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
}

/// Resumes a continuation at most once (first line vs timeout).
private final class ResumeOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<String?, Never>?

    init(_ continuation: CheckedContinuation<String?, Never>) { self.continuation = continuation }

    func resume(_ value: String?) {
        lock.lock()
        let c = continuation
        continuation = nil
        lock.unlock()
        c?.resume(returning: value)
    }
}
