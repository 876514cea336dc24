import Foundation

@testable import Shared

/// A private redis-server on a free loopback port, for tests that stop and restart Redis
/// (the shared test server must stay up for the other suites) or that load an ACL file.
final class RedisProcess: @unchecked Sendable {
    let port: Int
    let directory: URL
    /// The ACL file the server loads (`--aclfile`), if any.
    let aclFile: URL?
    /// The user `configuration` authenticates as (needed when the ACL switches the default user off).
    let username: String?
    let password: String?
    private var process: Process?

    private init(port: Int, directory: URL, aclFile: URL?, username: String?, password: String?) {
        self.port = port
        self.directory = directory
        self.aclFile = aclFile
        self.username = username
        self.password = password
    }

    var configuration: RedisConfiguration {
        RedisConfiguration(
            endpoint: .tcp(host: "127.0.0.1", port: port), username: username, password: password,
            commandTimeout: .seconds(5))
    }

    /// Starts redis-server and waits until it answers (as `username`/`password` when given).
    static func start(aclFile: URL? = nil, username: String? = nil, password: String? = nil) throws -> RedisProcess {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qt-redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let server = RedisProcess(
            port: try freePort(), directory: directory, aclFile: aclFile, username: username, password: password)
        try server.restart()
        return server
    }

    /// (Re)starts the server on the same port.
    func restart() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/redis-server")
        var arguments = [
            "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--dir", directory.path, "--logfile", directory.appendingPathComponent("redis.log").path,
        ]
        if let aclFile { arguments += ["--aclfile", aclFile.path] }
        process.arguments = arguments
        try process.run()
        self.process = process
        for _ in 0..<100 {
            if let connection = try? RedisConnection(configuration: configuration),
                (try? connection.command(["PING"])) == .status("PONG")
            {
                return
            }
            if !process.isRunning { break }
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
