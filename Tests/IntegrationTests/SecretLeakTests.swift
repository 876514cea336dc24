import Foundation
import Testing

@testable import Shared

/// Known secrets (the exchange API secret, the Redis password in `REDIS_URL`, the database
/// password in `DATABASE_URL`, paperexchange's admin token) fed to the real binaries through
/// every error path, at `LOG_LEVEL=trace`; none may appear in anything they print, nor in a
/// result, a dead letter or a ledger row.
@Suite("secrets reach no output", .serialized)
struct SecretLeakTests {
    /// One set of secrets; each carries a random part that a partial leak would show too.
    struct Secrets {
        let apiSecret = "apisecret-\(UUID().uuidString.lowercased())"
        let redisPassword = "redispw-\(UUID().uuidString.lowercased())"
        let databasePassword = "dbpw-\(UUID().uuidString.lowercased())"
        let adminToken = "admintoken-\(UUID().uuidString.lowercased())"

        var all: [(String, String)] {
            [
                ("API secret", apiSecret), ("Redis password", redisPassword), ("database password", databasePassword),
                ("admin token", adminToken),
            ]
        }

        /// Records an issue for every secret (or its first 12 random characters) found in `text`.
        func expectAbsent(from text: String, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
            for (name, secret) in all {
                let random = String(secret.split(separator: "-", maxSplits: 1)[1].prefix(12))
                #expect(
                    !text.contains(random), "the \(name) leaked in \(context): \(excerpt(text, around: random))",
                    sourceLocation: sourceLocation)
            }
        }

        private func excerpt(_ text: String, around needle: String) -> String {
            guard let range = text.range(of: needle) else { return "" }
            let start = text.index(range.lowerBound, offsetBy: -200, limitedBy: text.startIndex) ?? text.startIndex
            let end = text.index(range.upperBound, offsetBy: 200, limitedBy: text.endIndex) ?? text.endIndex
            return String(text[start..<end])
        }
    }

    /// Settings every daemon gets: all the secrets, trace logs, no metrics port.
    static func environment(_ secrets: Secrets, redisPort: Int, exchange: String, extra: [String: String] = [:])
        -> [String: String]
    {
        [
            "LOG_LEVEL": "trace", "METRICS_PORT": "0", "STREAM_BLOCK_MS": "200", "APPLY_RECONCILE_SEC": "1",
            "EXITBRAIN_INTERVAL_SEC": "1",
            "EXCHANGE_MODE": "paper", "APPLY_MODE": "paper", "BINANCE_BASE_URL": exchange,
            "BINANCE_API_KEY": "leak-key", "BINANCE_API_SECRET": secrets.apiSecret,
            "BINANCE_TESTNET_API_SECRET": secrets.apiSecret,
            "REDIS_URL": "redis://applylayer:\(secrets.redisPassword)@127.0.0.1:\(redisPort)/0",
            "REDIS_PASSWORD": secrets.redisPassword,
            "DATABASE_URL": "postgresql://ledger:\(secrets.databasePassword)@127.0.0.1:1/ledger",
            "PAPER_API_SECRET": secrets.apiSecret, "PAPER_ADMIN_TOKEN": secrets.adminToken,
        ].merging(extra) { $1 }
    }

    static let commands: [String: [String]] = [
        "exitbrain": ["run", "evaluate", "marketstate", "compare"],
        "applylayer": ["run", "propose", "status"],
        "harvestbrain": ["run", "migrate", "report", "scorecard", "reconcile"],
        "paperexchange": ["run"],
    ]

    @Test func helpTextsShowNoSecretFromTheEnvironment() async throws {
        let secrets = Secrets()
        let environment = Self.environment(secrets, redisPort: 1, exchange: "http://127.0.0.1:1")
        for (binary, subcommands) in Self.commands {
            for arguments in [["--help"]] + subcommands.map({ [$0, "--help"] }) {
                let (status, output) = try await DaemonProcess.run(binary, arguments, environment: environment)
                #expect(status == 0, "\(binary) \(arguments) exited \(status)")
                #expect(
                    output.contains("USAGE") || output.contains("Usage"),
                    "\(binary) \(arguments): \(output.prefix(200))")
                secrets.expectAbsent(from: output, "\(binary) \(arguments.joined(separator: " "))")
            }
        }
    }

    @Test func configurationErrorsNameTheKeyButNotTheSecret() async throws {
        let secrets = Secrets()
        let base = Self.environment(secrets, redisPort: 1, exchange: "http://127.0.0.1:1")
        let cases: [(String, [String], [String: String], String)] = [
            ("applylayer", ["run"], ["APPLY_MAX_POSITIONS": "many"], "APPLY_MAX_POSITIONS"),
            ("applylayer", ["run"], ["APPLY_MODE": "live"], "APPLY_LIVE_CONFIRM"),
            (
                "applylayer", ["run"],
                ["REDIS_URL": "redis://applylayer:\(secrets.redisPassword)@127.0.0.1:notaport/0"], "REDIS_URL"
            ),
            ("applylayer", ["run"], ["BINANCE_MAX_ATTEMPTS": "0"], "BINANCE_MAX_ATTEMPTS"),
            ("exitbrain", ["run"], ["EXITBRAIN_INTERVAL_SEC": "-1"], "EXITBRAIN_INTERVAL_SEC"),
            ("exitbrain", ["run"], ["REDIS_URL": "redis://exitbrain:\(secrets.redisPassword)@[::1/0"], "REDIS_URL"),
            ("harvestbrain", ["run"], ["DATABASE_URL": ""], "DATABASE_URL"),
            (
                "harvestbrain", ["run"], ["HARVEST_RESULT_STREAM": "", "STREAM_MAX_DELIVERIES": "x"],
                "STREAM_MAX_DELIVERIES"
            ),
            (
                "harvestbrain", ["run"],
                ["REDIS_URL": "redis://harvestbrain:\(secrets.redisPassword)@127.0.0.1:99999/0"], "REDIS_URL"
            ),
            (
                "applylayer", ["status"], ["REDIS_URL": "redis://applylayer:\(secrets.redisPassword)@127.0.0.1:x/0"],
                "REDIS_URL"
            ),
        ]
        for (binary, arguments, settings, key) in cases {
            let (status, output) = try await DaemonProcess.run(
                binary, arguments, environment: base.merging(settings) { $1 })
            #expect(status == ExitStatus.configuration, "\(binary) with \(key): exit \(status): \(output.suffix(400))")
            #expect(output.contains(key), "\(binary): the message names \(key): \(output.suffix(400))")
            secrets.expectAbsent(from: output, "\(binary) \(arguments[0]) with a bad \(key)")
        }
        // paperexchange: a bad flag and --admin without a token, with every secret in the environment.
        for (arguments, expected) in [
            (["run", "--speed", "0"], Int32(64)), (["run", "--admin", "--port", "0"], ExitStatus.configuration),
        ] {
            var environment = base
            if arguments.contains("--admin") { environment["PAPER_ADMIN_TOKEN"] = nil }
            let (status, output) = try await DaemonProcess.run("paperexchange", arguments, environment: environment)
            #expect(status == expected, "paperexchange \(arguments): exit \(status): \(output.suffix(300))")
            secrets.expectAbsent(from: output, "paperexchange \(arguments.joined(separator: " "))")
        }
    }

    @Test func exchangeErrorsAtTraceLevelShowNoSecret() async throws {
        let secrets = Secrets()
        let redis = try TestEnvironment.redisConfiguration()
        guard case .tcp(_, let redisPort) = redis.endpoint else { return }
        // The exchange knows another secret than the daemons: every signed call is a -1022.
        let paper = try await PaperExchangeProcess.launch(
            ["--admin", "--log-level", "trace"], apiKey: "leak-key", apiSecret: "the-exchange-secret",
            adminToken: secrets.adminToken)
        defer { paper.stop() }
        let closedPort = try RedisProcess.freePort()
        let testRedisURL = TestEnvironment.daemonRedisURL
        let prefix = TestEnvironment.unique("leak")
        let common = [
            "REDIS_URL": testRedisURL, "APPLY_PLAN_STREAM": prefix + ":plan", "APPLY_RESULT_STREAM": prefix + ":result",
            "STREAM_DEADLETTER": prefix + ":deadletter", "EXITBRAIN_PLAN_STREAM": prefix + ":plan",
            "BINANCE_REQUEST_TIMEOUT_MS": "500", "BINANCE_MAX_ATTEMPTS": "2",
        ]
        let cases: [(String, [String: String], String)] = [
            ("wrong signature (-1022)", [:], "code -1022"),
            ("unknown key (401, -2015)", ["BINANCE_API_KEY": "not-the-key"], "code -2015, http 401"),
            ("transport error", ["BINANCE_BASE_URL": "http://127.0.0.1:\(closedPort)"], "connect_failed"),
        ]
        for (name, settings, logged) in cases {
            let environment = Self.environment(
                secrets, redisPort: redisPort, exchange: paper.baseURL, extra: common.merging(settings) { $1 })
            let daemons = try ["applylayer", "exitbrain"].map {
                try DaemonProcess.start($0, ["run"], environment: environment)
            }
            try await Task.sleep(for: .seconds(1))
            // A plan makes applylayer call the exchange on the order path too.
            let client = try TestEnvironment.daemonRedis()
            _ = try await client.streamAdd(
                prefix + ":plan",
                ApplyHarness.entry("leak-\(UUID().uuidString.prefix(6))", "BTCUSDT", qty: "0.01")
                    + [("timestamp", String(Int(Date().timeIntervalSince1970)))])
            try await Task.sleep(for: .seconds(3))
            for daemon in daemons {
                daemon.stop()
                #expect(
                    daemon.output.contains(logged), "\(daemon.name) logged the \(name): \(daemon.output.suffix(500))")
                secrets.expectAbsent(from: daemon.output, "\(daemon.name) output on a \(name)")
            }
            await client.close()
        }
        // A timeout: every answer takes 2 s against the daemons' 500 ms.
        try await paper.admin("faults", [("latencyMs", "2000")])
        let environment = Self.environment(secrets, redisPort: redisPort, exchange: paper.baseURL, extra: common)
        if TestEnvironment.postgresEnabled {
            let ledger = try await TestEnvironment.freshDatabase(prefix: "leakrec")
            try await LedgerMigrator(database: ledger, logger: TestEnvironment.logger).migrate()
            var reconcileEnvironment = environment
            reconcileEnvironment["DATABASE_URL"] = await ledger.configuration.connectionString
            await ledger.close()
            let (status, reconcile) = try await DaemonProcess.run(
                "harvestbrain", ["reconcile", "--since", "2026-01-01"], environment: reconcileEnvironment,
                timeout: .seconds(30))
            #expect(status == 2, "reconcile against a timing-out exchange cannot read it: \(reconcile.suffix(300))")
            secrets.expectAbsent(from: reconcile, "harvestbrain reconcile on a timeout")
        }
        let applyTimeout = try DaemonProcess.start("applylayer", ["run"], environment: environment)
        try await Task.sleep(for: .seconds(3))
        applyTimeout.stop()
        #expect(
            applyTimeout.output.contains("timed_out") || applyTimeout.output.contains("timeout"),
            "applylayer met the timeout: \(applyTimeout.output.suffix(500))")
        secrets.expectAbsent(from: applyTimeout.output, "applylayer output on timeouts")
        try await paper.admin("faults", [("latencyMs", "0")])

        let results = try await TestEnvironment.daemonRedis().send(["XRANGE", prefix + ":result", "-", "+"])
        secrets.expectAbsent(from: "\(results)", "the result stream")
        let dead = try await TestEnvironment.daemonRedis().send(["XRANGE", prefix + ":deadletter", "-", "+"])
        secrets.expectAbsent(from: "\(dead)", "the dead-letter stream")
        let log = try String(contentsOfFile: paper.logFile, encoding: .utf8)
        #expect(log.contains("request rejected"))
        secrets.expectAbsent(from: log, "paperexchange's trace log")
    }

    @Test func redisAndPostgresAuthFailuresShowNoSecret() async throws {
        let secrets = Secrets()
        let acl = try RedisACLTests.RenderedACL()
        let redis = try RedisProcess.start(aclFile: acl.file, username: "admin", password: acl.passwords["admin"])
        let paper = try await PaperExchangeProcess.launch(apiKey: "leak-key", apiSecret: secrets.apiSecret)
        defer { paper.stop() }
        // The Redis password is wrong (WRONGPASS), the database refuses the connection.
        let environment = Self.environment(secrets, redisPort: redis.port, exchange: paper.baseURL)
        var daemons: [DaemonProcess] = []
        for (binary, user) in [
            ("applylayer", "applylayer"), ("exitbrain", "exitbrain"), ("harvestbrain", "harvestbrain"),
        ] {
            daemons.append(
                try DaemonProcess.start(
                    binary, ["run"],
                    environment: environment.merging([
                        "REDIS_URL": "redis://\(user):\(secrets.redisPassword)@127.0.0.1:\(redis.port)/0"
                    ]) { $1 }))
        }
        var runs: [(String, String)] = []
        for (binary, arguments) in [
            ("applylayer", ["status"]), ("harvestbrain", ["migrate"]),
            ("harvestbrain", ["report", "--since", "2026-01-01"]),
        ] {
            let (status, output) = try await DaemonProcess.run(
                binary, arguments, environment: environment, timeout: .seconds(20))
            #expect(status != 0, "\(binary) \(arguments[0]) fails: \(output.suffix(300))")
            runs.append(("\(binary) \(arguments[0])", output))
        }
        if TestEnvironment.postgresEnabled {
            // A role that does not exist on the real test server, with a password.
            let url = try TestEnvironment.postgresConfiguration().connectionString
            let rest = url[url.index(after: url.firstIndex(of: "@")!)...]
            let (status, output) = try await DaemonProcess.run(
                "harvestbrain", ["migrate"],
                environment: environment.merging([
                    "DATABASE_URL":
                        "postgresql://nobody_\(UUID().uuidString.prefix(6).lowercased()):\(secrets.databasePassword)@\(rest)"
                ]) { $1 }, timeout: .seconds(20))
            #expect(status != 0 && output.contains("nobody_"), "\(output.suffix(300))")
            runs.append(("harvestbrain migrate as an unknown role", output))
        }
        try await Task.sleep(for: .seconds(2))
        for daemon in daemons {
            #expect(daemon.isRunning, "\(daemon.name) waits for Redis instead of exiting: \(daemon.output.suffix(300))")
            daemon.stop()
            // harvestbrain waits for the database (its migrations) before it reads Redis.
            let failure = daemon.name == "harvestbrain" ? "postgres" : "WRONGPASS"
            #expect(daemon.output.contains(failure), "\(daemon.name): \(daemon.output.suffix(300))")
            secrets.expectAbsent(from: daemon.output, "\(daemon.name) output on a Redis auth failure")
        }
        for (name, output) in runs { secrets.expectAbsent(from: output, name) }
    }

    @Test func aWholeRunAtTraceLevelShowsNoSecretAnywhere() async throws {
        let secrets = Secrets()
        // Redis with passwords (the ACL file with each daemon's user), the real secret on both sides.
        let acl = try RedisACLTests.RenderedACL()
        let redis = try RedisProcess.start(aclFile: acl.file, username: "admin", password: acl.passwords["admin"])
        let paper = try await PaperExchangeProcess.launch(
            ["--admin", "--log-level", "trace", "--speed", PaperExchangeProcess.frozenSpeed], apiKey: "leak-key",
            apiSecret: secrets.apiSecret,
            adminToken: secrets.adminToken)
        defer { paper.stop() }
        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])
        let base = Self.environment(
            secrets, redisPort: redis.port, exchange: paper.baseURL, extra: ["APPLY_ENTRY_COOLDOWN_SEC": "0"])
        func url(_ user: String) -> String { "redis://\(user):\(acl.passwords[user]!)@127.0.0.1:\(redis.port)/0" }
        let passwords = acl.passwords.values

        var daemons: [DaemonProcess] = []
        var database: PostgresClient?
        if TestEnvironment.postgresEnabled {
            let ledger = try await TestEnvironment.freshDatabase(prefix: "leak")
            database = ledger
            daemons.append(
                try DaemonProcess.start(
                    "harvestbrain", ["run"],
                    environment: base.merging([
                        "REDIS_URL": url("harvestbrain"), "DATABASE_URL": await ledger.configuration.connectionString,
                    ]) { $1 }))
        }
        daemons.append(
            try DaemonProcess.start(
                "applylayer", ["run"], environment: base.merging(["REDIS_URL": url("applylayer")]) { $1 }))
        let admin = RedisClient(configuration: redis.configuration, name: "leak-admin", logger: TestEnvironment.logger)
        #expect(try await RedisACLTests.groupExists(admin, "quantum:stream:apply.plan", "apply_layer_entry"))
        if database != nil {
            #expect(
                try await RedisACLTests.groupExists(admin, "quantum:stream:apply.result", "harvest_brain:execution"))
        }
        daemons.append(
            try DaemonProcess.start(
                "exitbrain", ["run"], environment: base.merging(["REDIS_URL": url("exitbrain")]) { $1 }))

        // One entry (executed), one hostile plan carrying a secret-looking field, one poison message.
        let planID = "leak-\(UUID().uuidString.prefix(8).lowercased())"
        _ = try await admin.streamAdd(
            "quantum:stream:apply.plan",
            ApplyHarness.entry(planID, "ETHUSDT", qty: "0.05")
                + [("timestamp", String(Int(Date().timeIntervalSince1970)))])
        _ = try await admin.streamAdd(
            "quantum:stream:apply.plan", [("plan_id", "hostile"), ("qty", "NaN"), ("symbol", "ETHUSDT")])
        #expect(
            await TestEnvironment.eventually(attempts: 600) {
                let done = try? await admin.exists("quantum:apply:done:\(planID)")
                return done == true
            }, "the plan was answered")
        if let database {
            #expect(
                await TestEnvironment.eventually(attempts: 400) {
                    let rows = try? await database.query(
                        "SELECT count(*) FROM ledger_results WHERE plan_id = $1", [planID])
                    return rows?.values.first?.first.flatMap { $0 } == "1"
                }, "harvestbrain recorded it")
        }
        try await Task.sleep(for: .seconds(2))  // exitbrain evaluates the position at least once

        for daemon in daemons {
            let status = daemon.stop()
            #expect(status == 0, "\(daemon.name) stopped cleanly (\(status))")
            #expect(
                daemon.output.contains(" trace ") || daemon.output.contains(" debug "), "\(daemon.name) logged at trace"
            )
            secrets.expectAbsent(from: daemon.output, "\(daemon.name)'s trace log")
            for password in passwords {
                #expect(!daemon.output.contains(password), "\(daemon.name) logged a Redis password")
            }
        }
        let log = try String(contentsOfFile: paper.logFile, encoding: .utf8)
        secrets.expectAbsent(from: log, "paperexchange's trace log")
        var stored = ""
        for stream in ["quantum:stream:apply.plan", "quantum:stream:apply.result", "quantum:stream:deadletter"] {
            stored += "\(try await admin.send(["XRANGE", stream, "-", "+"]))"
        }
        for key in (try await admin.send(["KEYS", "quantum:*"])).array?.compactMap(\.string) ?? [] {
            stored += key + "\(try await admin.send(["DUMP", key]))"
        }
        #expect(stored.contains(planID))
        secrets.expectAbsent(from: stored, "Redis (streams and keys)")
        if let database {
            let rows = try await database.query("SELECT fields::text, error FROM ledger_results")
            secrets.expectAbsent(from: "\(rows.values)", "the ledger")
            await database.close()
        }
        await admin.close()
    }
}
