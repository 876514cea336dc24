import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback HTTP/1.1 server for tests: every connection is answered by `handler`, called with
/// the request and its 0-based arrival index.
final class HTTPScriptedServer: @unchecked Sendable {
    enum Step {
        case respond(Int, headers: [String: String] = [:], body: String = "")
        /// Read the request, never answer (until `stop`).
        case hang
        /// Read the request and close the connection without answering.
        case close
    }

    struct Request: Sendable {
        var method: String
        var target: String
        var headers: [String: String]
        var body: String
        /// 0-based index of the TCP connection it came on.
        var connection = 0

        var path: String { String(target.prefix { $0 != "?" }) }
        var query: String { target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) } ?? "" }
        func parameter(_ name: String) -> String? {
            query.split(separator: "&").compactMap { pair -> String? in
                let parts = pair.split(separator: "=", maxSplits: 1)
                return parts.count == 2 && parts[0] == name ? String(parts[1]).removingPercentEncoding : nil
            }.first
        }
    }

    let port: Int
    private let listener: Int32
    private let handler: @Sendable (Request, Int) -> Step
    private let lock = NSLock()
    private var recorded: [Request] = []
    private var stopped = false
    private let release = DispatchSemaphore(value: 0)
    /// Answer without `Connection: close` and serve further requests on the same connection.
    private let keepAlive: Bool
    private var requestCount = 0

    init(keepAlive: Bool = false, handler: @escaping @Sendable (Request, Int) -> Step) throws {
        self.handler = handler
        self.keepAlive = keepAlive
        (listener, port) = try Self.listen()
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    var requests: [Request] { lock.withLock { recorded } }

    func url(_ target: String) -> String { "http://127.0.0.1:\(port)\(target)" }

    /// Stops accepting and releases hanging connections. The accept thread closes the listening
    /// socket itself, so its descriptor cannot be reused by another server while it still waits.
    func stop() {
        lock.withLock { stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        for _ in 0..<16 { release.signal() }
    }

    /// A loopback port with nothing listening on it.
    static func unusedPort() throws -> Int {
        let (socket, port) = try listen()
        close(socket)
        return port
    }

    private static func listen() throws -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && Glibc.listen(fd, 16) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else { close(fd); throw POSIXError(.EADDRINUSE) }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    private func acceptLoop() {
        defer { close(listener) }
        var index = 0
        while !lock.withLock({ stopped }) {
            let connection = accept(listener, nil, nil)
            if connection < 0 { return }
            if lock.withLock({ stopped }) {
                close(connection)
                return
            }
            let current = index
            index += 1
            Thread { [self] in serve(connection, index: current) }.start()
        }
    }

    private func serve(_ connection: Int32, index: Int) {
        defer { close(connection) }
        repeat {
            guard var request = Self.read(connection) else { return }
            request.connection = index
            let arrival = lock.withLock {
                recorded.append(request)
                defer { requestCount += 1 }
                return keepAlive ? requestCount : index
            }
            switch handler(request, arrival) {
            case .close:
                return
            case .hang:
                _ = release.wait(timeout: .now() + 10)
                return
            case .respond(let status, let headers, let body):
                var text = "HTTP/1.1 \(status) Scripted\r\nContent-Length: \(body.utf8.count)\r\n"
                if !keepAlive { text += "Connection: close\r\n" }
                for (name, value) in headers { text += "\(name): \(value)\r\n" }
                text += "\r\n" + body
                let bytes = Array(text.utf8)
                _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
        } while keepAlive && !lock.withLock({ stopped })
    }

    private static func read(_ connection: Int32) -> Request? {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        func received() -> Bool {
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return false }
            buffer += chunk[0..<count]
            return true
        }
        let separator = Array("\r\n\r\n".utf8)
        var headerEnd: Int?
        while headerEnd == nil {
            guard received() else { return nil }
            headerEnd = (0...max(0, buffer.count - 4)).first {
                buffer.count >= 4 && Array(buffer[$0..<$0 + 4]) == separator
            }
        }
        let head = String(decoding: buffer[..<headerEnd!], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = head[0].split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < headerEnd! + 4 + length {
            guard received() else { break }
        }
        let body = String(decoding: buffer[(headerEnd! + 4)...], as: UTF8.self)
        return Request(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body)
    }
}
