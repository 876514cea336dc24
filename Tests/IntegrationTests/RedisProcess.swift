import Foundation

@testable import Shared

/// A private redis-server on a free loopback port, for tests that stop and restart Redis
/// (the shared test server must stay up for the other suites).
final class RedisProcess: @unchecked Sendable {
    let port: Int
    let directory: URL
    private var process: Process?

    private init(port: Int, directory: URL) {
        self.port = port
        self.directory = directory
    }

    var configuration: RedisConfiguration {
        RedisConfiguration(endpoint: .tcp(host: "127.0.0.1", port: port), commandTimeout: .seconds(5))
    }

    /// Starts redis-server and waits until it answers.
    static func start() throws -> RedisProcess {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qt-redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let server = RedisProcess(port: try freePort(), directory: directory)
        try server.restart()
        return server
    }

    /// (Re)starts the server on the same port.
    func restart() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/redis-server")
        process.arguments = [
            "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--dir", directory.path, "--logfile", directory.appendingPathComponent("redis.log").path,
        ]
        try process.run()
        self.process = process
        for _ in 0..<100 {
            if let connection = try? RedisConnection(configuration: configuration),
                (try? connection.command(["PING"])) == .status("PONG")
            {
                return
            }
            usleep(20_000)
        }
        throw RedisError.connection("redis-server on port \(port) did not start")
    }

    /// Stops the server (SIGKILL: an outage, not a clean shutdown).
    func stop() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw RedisError.connection("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
