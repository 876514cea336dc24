import Foundation
import Testing

@testable import Shared

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// With no address setting, `/metrics` and `/healthz` of every daemon and paperexchange's whole
/// API (admin path included) listen on 127.0.0.1 only, as the kernel's socket table shows.
@Suite("loopback by default", .serialized)
struct LoopbackBindingTests {
    /// The local addresses (`hex-ip:hex-port`) of the listening TCP sockets on `port`, IPv4 and IPv6.
    static func listeners(port: Int) -> [String] {
        let hexPort = String(format: "%04X", port)
        var found: [String] = []
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            // Read to EOF: /proc files report size 0, and a size-based read stops after the first
            // page, so with many sockets open (the whole test run) the listener can be missed.
            let data =
                FileHandle(forReadingAtPath: table).map { handle in
                    defer { try? handle.close() }
                    return handle.readDataToEndOfFile()
                } ?? Data()
            let text = String(decoding: data, as: UTF8.self)
            for line in text.split(separator: "\n").dropFirst() {
                let columns = line.split(separator: " ")
                // sl local_address rem_address st …; st 0A = LISTEN
                guard columns.count > 3, columns[3] == "0A", columns[1].hasSuffix(":" + hexPort) else { continue }
                found.append(String(columns[1]))
            }
        }
        return found
    }

    /// `127.0.0.1` in /proc/net/tcp's little-endian hex.
    static let loopback = "0100007F"

    @Test func paperexchangeAndItsAdminPathListenOnLoopbackOnly() async throws {
        let paper = try await PaperExchangeProcess.launch(["--admin"])
        defer { paper.stop() }
        #expect(Self.listeners(port: paper.port) == ["\(Self.loopback):\(String(format: "%04X", paper.port))"])
        #expect(try await paper.admin("state", method: "GET").status == 200)
        #expect(try await paper.send("GET", "/metrics").status == 200)
    }

    @Test(.enabled(if: TestEnvironment.redisEnabled))
    func everyDaemonsMetricsAndHealthListenOnLoopbackOnly() async throws {
        let paper = try await PaperExchangeProcess.launch()
        defer { paper.stop() }
        let redisURL = TestEnvironment.daemonRedisURL
        let prefix = TestEnvironment.unique("bind")
        var daemons = ["exitbrain", "applylayer"]
        var databaseURL = "postgresql://postgres@127.0.0.1:1/none"
        if TestEnvironment.postgresEnabled {
            let ledger = try await TestEnvironment.freshDatabase(prefix: "bind")
            databaseURL = await ledger.configuration.connectionString
            await ledger.close()
            daemons.append("harvestbrain")
        }
        for name in daemons {
            let port = try RedisProcess.freePort()
            let daemon = try DaemonProcess.start(
                name, ["run"],
                environment: [
                    "METRICS_PORT": "\(port)", "REDIS_URL": redisURL, "DATABASE_URL": databaseURL,
                    "BINANCE_BASE_URL": paper.baseURL, "BINANCE_API_KEY": paper.apiKey,
                    "BINANCE_API_SECRET": paper.apiSecret,
                    "APPLY_PLAN_STREAM": prefix + ":plan", "APPLY_RESULT_STREAM": prefix + ":result",
                    "HARVEST_RESULT_STREAM": prefix + ":result", "EXITBRAIN_PLAN_STREAM": prefix + ":plan",
                    "APPLY_RECONCILE_SEC": "1", "LOG_LEVEL": "info",
                ])
            #expect(
                await TestEnvironment.eventually(attempts: 400) { !Self.listeners(port: port).isEmpty },
                "\(name) listens on \(port): \(daemon.output.suffix(500))")
            #expect(
                Self.listeners(port: port) == ["\(Self.loopback):\(String(format: "%04X", port))"],
                "\(name) binds 127.0.0.1 only, not 0.0.0.0 or ::")
            let (_, response) = try await URLSession.shared.uncancellableData(
                for: URLRequest(url: URL(string: "http://127.0.0.1:\(port)/healthz")!))
            #expect([200, 503].contains((response as? HTTPURLResponse)?.statusCode ?? 0), "\(name) answers /healthz")
            daemon.stop()
        }
    }
}
