import Foundation
import Testing

@testable import Shared

/// `ops/redis/users.acl` loaded by a private redis-server: each daemon's user runs the real
/// daemon binary through one message, and is refused everything else (admin commands, other
/// daemons' keys, Lua scripts that reach past its keys).
@Suite("Redis ACL users of the daemons", .serialized)
struct RedisACLTests {
    static let users = ["admin", "exitbrain", "applylayer", "harvestbrain"]

    /// The ACL file as ops/install renders it: each placeholder replaced by the SHA-256 of a password.
    final class RenderedACL: Sendable {
        let file: URL
        let passwords: [String: String]

        static var source: URL {
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("ops/redis/users.acl")
        }

        init(replacingPlaceholders: Bool = true) throws {
            var text = try String(contentsOf: Self.source, encoding: .utf8)
            var passwords: [String: String] = [:]
            for user in RedisACLTests.users {
                let password = "pw-\(user)-\(UUID().uuidString.lowercased())"
                passwords[user] = password
                if replacingPlaceholders {
                    text = text.replacingOccurrences(
                        of: "#REPLACE_WITH_SHA256_OF_\(user.uppercased())_PASSWORD",
                        with: "#" + Digest.sha256Hex(password))
                }
            }
            file = FileManager.default.temporaryDirectory.appendingPathComponent("qt-users-\(UUID().uuidString).acl")
            try Data(text.utf8).write(to: file)
            self.passwords = passwords
        }

        deinit { try? FileManager.default.removeItem(at: file) }
    }

    /// A redis-server with the rendered ACL file; `admin` is the connection `server.configuration` uses.
    static func server() throws -> (RedisProcess, RenderedACL) {
        let acl = try RenderedACL()
        let server = try RedisProcess.start(aclFile: acl.file, username: "admin", password: acl.passwords["admin"])
        return (server, acl)
    }

    static func url(_ server: RedisProcess, _ acl: RenderedACL, _ user: String) -> String {
        "redis://\(user):\(acl.passwords[user]!)@127.0.0.1:\(server.port)/0"
    }

    /// A connection as `user`.
    static func connection(_ server: RedisProcess, _ acl: RenderedACL, _ user: String) throws -> RedisConnection {
        var configuration = server.configuration
        configuration.username = user
        configuration.password = acl.passwords[user]
        return try RedisConnection(configuration: configuration)
    }

    /// The error text of `command` as `user`, or nil when it was allowed.
    static func refusal(_ connection: RedisConnection, _ command: [String]) throws -> String? {
        if case .error(let message) = try connection.command(command) { return message }
        return nil
    }

    @Test func theFileAsShippedDoesNotLoadUntilItsPlaceholdersAreReplaced() throws {
        let acl = try RenderedACL(replacingPlaceholders: false)
        #expect(throws: RedisError.self, "redis-server refuses a file with placeholder passwords") {
            _ = try RedisProcess.start(aclFile: acl.file, username: "admin", password: acl.passwords["admin"])
        }
    }

    @Test func noUnauthenticatedAccessAndNoPasswordButTheRightOne() throws {
        let (server, acl) = try Self.server()
        var anonymous = server.configuration
        anonymous.username = nil
        anonymous.password = nil
        let connection = try RedisConnection(configuration: anonymous)
        let refused = try Self.refusal(connection, ["GET", "quantum:kill"])
        #expect(refused?.hasPrefix("NOAUTH") == true, "\(refused ?? "allowed")")

        var wrong = server.configuration
        wrong.username = "applylayer"
        wrong.password = acl.passwords["exitbrain"]
        #expect(throws: RedisError.self) { _ = try RedisConnection(configuration: wrong) }
    }

    @Test func noDaemonUserMayRunAdminCommandsOrTouchAnotherDaemonsKeys() throws {
        let (server, acl) = try Self.server()
        let forbidden: [String: [[String]]] = [
            "exitbrain": [
                ["XADD", "quantum:stream:apply.result", "*", "plan_id", "forged"],
                ["SET", "quantum:apply:done:forged", "1"],
                ["HSET", "quantum:position:BTCUSDT", "quantity", "9"],
                ["XREADGROUP", "GROUP", "apply_layer_entry", "x", "STREAMS", "quantum:stream:apply.plan", ">"],
                ["HSET", "quantum:policy:current", "kill_params", "{}"],
            ],
            "applylayer": [
                ["XADD", "quantum:stream:apply.plan", "*", "plan_id", "forged"],
                ["HSET", "quantum:exitbrain:state:BTCUSDT", "peak", "1"],
                ["SET", "quantum:kill", "0"],
                ["DEL", "quantum:global:kill_switch"],
                ["HGETALL", "quantum:position:snapshot:BTCUSDT"],
                ["SET", "quantum:heartbeat:harvestbrain:host", "1"],
                ["EVAL", "return redis.call('HSET', 'quantum:exitbrain:state:BTCUSDT', 'peak', '1')", "0"],
                ["EVAL", "return redis.call('XADD', KEYS[1], '*', 'a', 'b')", "1", "quantum:stream:apply.plan"],
            ],
            "harvestbrain": [
                ["XADD", "quantum:stream:apply.result", "*", "plan_id", "forged"],
                ["XADD", "quantum:stream:apply.plan", "*", "plan_id", "forged"],
                ["HSET", "quantum:position:BTCUSDT", "quantity", "9"],
                ["SET", "quantum:heartbeat:applylayer:host", "1"],
                ["EVAL", "return 1", "0"],
            ],
        ]
        let everyone: [[String]] = [
            ["FLUSHALL"], ["FLUSHDB"], ["CONFIG", "GET", "*"], ["CONFIG", "SET", "appendonly", "no"], ["KEYS", "*"],
            ["ACL", "LIST"], ["SHUTDOWN", "NOSAVE"], ["SCRIPT", "FLUSH"], ["MONITOR"],
            ["CLIENT", "LIST"], ["SUBSCRIBE", "quantum"], ["SET", "unrelated", "1"], ["GET", "unrelated"],
        ]
        for (user, commands) in forbidden {
            let connection = try Self.connection(server, acl, user)
            for command in commands + everyone {
                let refused = try Self.refusal(connection, command)
                #expect(Self.isACLRefusal(refused), "\(user) may run \(command.prefix(3)): \(refused ?? "allowed")")
            }
            #expect(try Self.refusal(connection, ["PING"]) == nil, "\(user) may ping")
        }
        let admin = try Self.connection(server, acl, "admin")
        #expect(try Self.refusal(admin, ["SET", "unrelated", "1"]) == nil, "the operator's user may do anything")
    }

    @Test func eachDaemonRunsOneMessageThroughWithItsOwnUser() async throws {
        let (server, acl) = try Self.server()
        let admin = RedisClient(configuration: server.configuration, name: "acl-admin", logger: TestEnvironment.logger)
        let paper = try await PaperExchangeProcess.launch(["--admin", "--speed", PaperExchangeProcess.frozenSpeed])
        defer { paper.stop() }
        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])
        let exchange = [
            "EXCHANGE_MODE": "paper", "APPLY_MODE": "paper", "BINANCE_BASE_URL": paper.baseURL,
            "BINANCE_API_KEY": paper.apiKey, "BINANCE_API_SECRET": paper.apiSecret, "METRICS_PORT": "0",
            "STREAM_BLOCK_MS": "200", "LOG_LEVEL": "debug",
        ]

        // harvestbrain first (its group starts at `$`), when a database is at hand.
        var harvest: DaemonProcess?
        var ledger: PostgresClient?
        if TestEnvironment.postgresEnabled {
            let database = try await TestEnvironment.freshDatabase(prefix: "acl")
            ledger = database
            let databaseURL = await database.configuration.connectionString
            harvest = try DaemonProcess.start(
                "harvestbrain", ["run"],
                environment: exchange.merging([
                    "REDIS_URL": Self.url(server, acl, "harvestbrain"),
                    "DATABASE_URL": databaseURL,
                ]) { $1 })
            #expect(
                try await Self.groupExists(admin, "quantum:stream:apply.result", "harvest_brain:execution"),
                "harvestbrain created its group: \(harvest?.output ?? "")")
        }
        let apply = try DaemonProcess.start(
            "applylayer", ["run"],
            environment: exchange.merging([
                "REDIS_URL": Self.url(server, acl, "applylayer"), "APPLY_ENTRY_COOLDOWN_SEC": "0",
                // A short reconcile interval: the reconciler's sleep does not end on SIGTERM.
                "APPLY_RECONCILE_SEC": "1",
            ]) { $1 })
        #expect(
            try await Self.groupExists(admin, "quantum:stream:apply.plan", "apply_layer_entry"),
            "applylayer created its group: \(apply.output)")

        // A plan published as exitbrain (the one user allowed to), answered by applylayer.
        let planID = "acl-\(UUID().uuidString.prefix(8).lowercased())"
        let publisher = RedisClient(
            configuration: try RedisConfiguration(url: Self.url(server, acl, "exitbrain")), name: "acl-exitbrain",
            logger: TestEnvironment.logger)
        _ = try await publisher.streamAdd(
            "quantum:stream:apply.plan",
            ApplyHarness.entry(planID, "ETHUSDT", qty: "0.05") + [
                ("timestamp", String(Int(Date().timeIntervalSince1970)))
            ])
        var result: [String: String]?
        _ = await TestEnvironment.eventually(attempts: 600) {
            let entries = try? StreamEntries.fromRead(
                try await admin.send(["XREAD", "STREAMS", "quantum:stream:apply.result", "0"]))
            result = entries?.compactMap { $0.fields.map { Dictionary($0, uniquingKeysWith: { $1 }) } }
                .first { $0["plan_id"] == planID }
            return result != nil
        }
        #expect(result?["executed"] == "True", "applylayer answered: \(result ?? [:]); log: \(apply.output)")
        #expect(try await admin.exists("quantum:apply:done:\(planID)"), "the done key was written by the Lua script")
        #expect(try await admin.hashGetAll("quantum:position:ETHUSDT")["plan_id"] == planID)

        if let harvest, let ledger {
            #expect(
                await TestEnvironment.eventually(attempts: 400) {
                    let rows = try? await ledger.query(
                        "SELECT count(*) FROM ledger_results WHERE plan_id = $1", [planID])
                    return rows?.values.first?.first.flatMap { $0 }.flatMap { Int($0) } == 1
                }, "harvestbrain recorded the result: \(harvest.output)")
            #expect(!harvest.output.contains("NOPERM"), "\(harvest.output)")
            harvest.stop()
            await ledger.close()
        }

        // exitbrain evaluates the open position with its own user and keeps its state.
        let exit = try DaemonProcess.start(
            "exitbrain", ["run"],
            environment: exchange.merging([
                "REDIS_URL": Self.url(server, acl, "exitbrain"), "EXITBRAIN_INTERVAL_SEC": "1",
            ]) { $1 })
        #expect(
            await TestEnvironment.eventually(attempts: 600) {
                ((try? await admin.hashGetAll("quantum:exitbrain:state:ETHUSDT")) ?? [:]).isEmpty == false
            }, "exitbrain wrote its state: \(exit.output)")
        // The heartbeat is set after the cycle that wrote the state returns: wait for it too.
        var heartbeats: [String] = []
        _ = await TestEnvironment.eventually(attempts: 200) {
            heartbeats = (try? await admin.send(["KEYS", "quantum:heartbeat:*"]).array?.compactMap(\.string)) ?? []
            return heartbeats.contains { $0.hasPrefix("quantum:heartbeat:exitbrain:") }
        }
        #expect(heartbeats.contains { $0.hasPrefix("quantum:heartbeat:exitbrain:") }, "\(heartbeats)")
        #expect(heartbeats.contains { $0.hasPrefix("quantum:heartbeat:applylayer:") }, "\(heartbeats)")

        #expect(exit.isRunning && apply.isRunning, "no daemon exited")
        for daemon in [exit, apply] {
            let status = daemon.stop()
            #expect(status == 0, "\(daemon.name) exited \(status) on SIGTERM: \(daemon.output.suffix(3000))")
        }
        for daemon in [exit, apply] {
            #expect(!daemon.output.contains("NOPERM"), "\(daemon.name) was refused a command: \(daemon.output)")
        }
        await admin.close()
        await publisher.close()
    }

    /// True for Redis's ACL refusals: `NOPERM …` for a command, "can't access" for a script's call.
    static func isACLRefusal(_ message: String?) -> Bool {
        guard let message else { return false }
        return message.hasPrefix("NOPERM") || message.contains("user executing the script can't access")
    }

    /// Waits until `group` exists on `stream`.
    static func groupExists(_ admin: RedisClient, _ stream: String, _ group: String) async throws -> Bool {
        await TestEnvironment.eventually(attempts: 600) {
            let groups = (try? await admin.send(["XINFO", "GROUPS", stream]))?.array ?? []
            return groups.contains { entry in
                let pairs = entry.pairs
                return pairs.contains { $0.0 == "name" && $0.1 == group }
            }
        }
    }
}
