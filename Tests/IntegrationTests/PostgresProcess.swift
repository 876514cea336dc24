import Foundation

@testable import Shared

/// A private PostgreSQL cluster on a free loopback port, for tests that stop and restart the
/// database (the shared test server must stay up). Runs `initdb`/`pg_ctl` as the `postgres` user,
/// as `ops/test` does.
final class PostgresProcess: @unchecked Sendable {
    static let bin = "/usr/lib/postgresql/15/bin"
    let port: Int
    let directory: URL
    var data: String { directory.appendingPathComponent("data").path }

    private init(port: Int, directory: URL) {
        self.port = port
        self.directory = directory
    }

    var configuration: PostgresConfiguration {
        PostgresConfiguration(
            connectionString: "postgresql://postgres@127.0.0.1:\(port)/postgres", connectTimeoutSeconds: 2)
    }

    static func start() throws -> PostgresProcess {
        let directory = URL(fileURLWithPath: "/tmp/qt-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let server = PostgresProcess(port: try RedisProcess.freePort(), directory: directory)
        try server.run("/bin/chmod", ["755", directory.path])
        try server.run("/bin/chown", ["postgres:postgres", directory.path])
        try server.asPostgres(
            "initdb", ["-D", server.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"])
        try server.restart()
        return server
    }

    func restart() throws {
        try asPostgres(
            "pg_ctl",
            [
                "-D", data, "-l", data + "/server.log", "-w", "-o",
                "-p \(port) -k \(directory.path) -c listen_addresses=127.0.0.1 -c fsync=off", "start",
            ])
    }

    /// Stops the server: at once (a crash, as by default), or `cleanly` (`-m fast`: sessions are ended
    /// and a checkpoint written, so sequences continue without the gap crash recovery leaves).
    func stop(cleanly: Bool = false) {
        try? asPostgres("pg_ctl", ["-D", data, "-m", cleanly ? "fast" : "immediate", "-w", "stop"])
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    private func asPostgres(_ tool: String, _ arguments: [String]) throws {
        try run("/usr/sbin/runuser", ["-u", "postgres", "--", Self.bin + "/" + tool] + arguments)
    }

    /// posix_spawn + waitpid: Foundation's `Process.waitUntilExit` was seen to hang here when the
    /// child leaves a daemon (the postgres server) behind.
    private func run(_ path: String, _ arguments: [String]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else {
            throw PostgresError.connection("cannot start \(path)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else {
            throw PostgresError.connection("\(path) \(arguments.first ?? "") exited with status \(status)")
        }
    }
}
