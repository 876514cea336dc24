import Foundation
import Testing

@testable import Shared

@Suite(
    "harvestbrain: apply.result into the ledger (real Redis, real PostgreSQL)",
    .enabled(if: TestEnvironment.redisEnabled && TestEnvironment.postgresEnabled))
struct HarvestBrainTests {
    /// The apply.result messages of shared/fixtures/wire-examples.json, as the Python services wrote them.
    static let pythonResults: [[(String, String)]] = [
        [
            ("plan_id", "d2d10df095f9c572"), ("symbol", "ETHUSDT"), ("action", "FULL_CLOSE_PROPOSED"),
            ("executed", "True"),
            ("reduceOnly", "True"), ("close_qty", "0.5"), ("filled_qty", "0.5"), ("order_id", "8389765612345"),
            ("status", "FILLED"), ("side", "SELL"), ("close_pct", "100.0"), ("timestamp", "1770133362"),
        ],
        [
            ("plan_id", "d2d10df095f9c572"), ("symbol", "ETHUSDT"), ("decision", "SKIP"), ("executed", "False"),
            ("would_execute", "False"), ("steps_results", "[]"), ("error", "duplicate_plan"),
            ("timestamp", "1770133364"),
        ],
        [
            ("plan_id", "a33eb984a44191d9"), ("symbol", "BTCUSDT"), ("action", "FULL_CLOSE_PROPOSED"),
            ("executed", "False"),
            ("error", #"execution_failed: Binance API error: {"code":-2022,"msg":"ReduceOnly Order is rejected."}"#),
            ("timestamp", "1770133370"),
        ],
        [
            ("event_type", "apply.result"), ("plan_id", "5e1f0c2a9b7d4e11"), ("symbol", "ANKRUSDT"),
            ("executed", "true"),
            ("source", "intent_executor"),
            (
                "details",
                #"{"plan_id": "5e1f0c2a9b7d4e11", "symbol": "ANKRUSDT", "executed": true, "source": "intent_executor", "timestamp": 1770133203, "side": "BUY", "qty": 33892.0, "order_id": 73028792, "filled_qty": 33892.0, "order_status": "FILLED"}"#
            ),
            ("timestamp", "1770133203"),
        ],
        [("symbol", "EGLDUSDT"), ("status", "filled"), ("qty", "0.0"), ("timestamp", "1768000000")],
    ]

    struct Setup {
        let redis: RedisClient
        let stream: String
        let database: PostgresClient
    }

    func setup(database: PostgresClient? = nil) async throws -> Setup {
        let database = if let database { database } else { try await TestEnvironment.freshDatabase() }
        try await LedgerMigrator(database: database, logger: TestEnvironment.logger).migrate()
        return Setup(redis: try TestEnvironment.redis(), stream: TestEnvironment.unique("results"), database: database)
    }

    func consumer(_ setup: Setup, redis: RedisConfiguration? = nil) throws -> StreamConsumer {
        var configuration = StreamConsumer.Configuration(
            stream: setup.stream, group: "harvest_brain:execution",
            consumer: "host:harvestbrain", service: "harvestbrain")
        configuration.blockTime = .milliseconds(100)
        configuration.retryBackoff = Backoff(initial: .milliseconds(50), maximum: .milliseconds(300))
        configuration.deadLetterStream = setup.stream + ":deadletter"
        return StreamConsumer(
            configuration: configuration, redis: try redis ?? TestEnvironment.redisConfiguration(),
            handler: ResultRecorder(store: LedgerStore(database: setup.database), logger: TestEnvironment.logger),
            logger: TestEnvironment.logger)
    }

    func count(_ database: PostgresClient, _ sql: String) async throws -> Int {
        Int(try await database.query(sql).values.first?.first.flatMap { $0 } ?? "-1") ?? -1
    }

    @Test(
        "every Python encoding of a result is understood; the qty-0 backlog event is counted and acked, never looped on"
    )
    func pythonEncodings() async throws {
        let setup = try await setup()
        let consumer = try consumer(setup)
        try await consumer.ensureGroup()
        let task = Task { try await consumer.run() }
        defer { task.cancel() }
        for fields in Self.pythonResults { try await setup.redis.streamAdd(setup.stream, fields) }
        #expect(
            await TestEnvironment.eventually {
                (try? await count(setup.database, "SELECT count(*) FROM ledger_results")) == Self.pythonResults.count
            })
        // Acknowledged after the commit: eventually, not at the moment the rows appear.
        #expect(
            await TestEnvironment.eventually {
                (try? await setup.redis.pendingCount(setup.stream, "harvest_brain:execution")) == 0
            })
        let orders = try await setup.database.query(
            "SELECT symbol, side, filled_qty::text, pnl_reported::text FROM ledger_orders ORDER BY symbol")
        #expect(orders.values == [["ANKRUSDT", "BUY", "33892", "false"], ["ETHUSDT", "SELL", "0.5", "false"]])
        let skipped = try await setup.database.query(
            "SELECT error_code, results::text FROM ledger_skipped_by_reason ORDER BY error_code")
        #expect(skipped.values == [["duplicate_plan", "1"], ["execution_failed", "1"], ["unspecified", "1"]])
        #expect(try await count(setup.database, "SELECT count(*) FROM ledger_results WHERE plan_id IS NULL") == 1)
    }

    @Test("a group created over a stream holding 10,000 old results records none of them")
    func oldResultsNotReplayed() async throws {
        let setup = try await setup()
        var batch: [[String]] = []
        for n in 0..<10_000 {
            batch.append([
                "XADD", setup.stream, "*", "plan_id", "old\(n)", "symbol", "BTCUSDT", "executed", "True",
                "side", "BUY", "filled_qty", "0.001", "avg_price", "50000", "order_id", "\(n)", "timestamp",
                "1768000000",
            ])
            if batch.count == 1000 { _ = try await setup.redis.pipeline(batch); batch.removeAll() }
        }
        let consumer = try consumer(setup)
        let task = Task { try await consumer.run() }
        defer { task.cancel() }
        #expect(
            await TestEnvironment.eventually {
                let groups = try? await setup.redis.send(["XINFO", "GROUPS", setup.stream]).array?.count
                return groups == 1
            })
        try await setup.redis.streamAdd(
            setup.stream,
            [
                ("plan_id", "new1"), ("symbol", "BTCUSDT"), ("executed", "False"),
                ("error", "stale_plan"), ("timestamp", "1770000000"),
            ])
        #expect(
            await TestEnvironment.eventually {
                (try? await count(setup.database, "SELECT count(*) FROM ledger_results")) == 1
            })
        #expect(try await count(setup.database, "SELECT count(*) FROM ledger_orders") == 0)
    }

    @Test("PostgreSQL stopped mid-run and restarted: consumption pauses, then every result is recorded exactly once")
    func databaseOutage() async throws {
        let server = try PostgresProcess.start()
        let database = PostgresClient(configuration: server.configuration, logger: TestEnvironment.logger)
        let setup = try await setup(database: database)
        let consumer = try consumer(setup)
        try await consumer.ensureGroup()
        let task = Task { try await consumer.run() }
        defer { task.cancel() }
        func fill(_ n: Int) -> [(String, String)] {
            [
                ("plan_id", "o\(n)"), ("symbol", "ETHUSDT"), ("executed", "True"), ("side", "BUY"),
                ("filled_qty", "0.01"),
                ("avg_price", "2000"), ("order_id", "\(900 + n)"), ("realized_pnl", "0"), ("commission", "0.008"),
                ("timestamp", "1770000000"),
            ]
        }
        for n in 0..<5 { try await setup.redis.streamAdd(setup.stream, fill(n)) }
        #expect(
            await TestEnvironment.eventually { (try? await count(database, "SELECT count(*) FROM ledger_orders")) == 5 }
        )
        server.stop()
        for n in 5..<15 { try await setup.redis.streamAdd(setup.stream, fill(n)) }
        try await Task.sleep(for: .milliseconds(500))
        #expect(
            try await setup.redis.pendingCount(setup.stream, "harvest_brain:execution") >= 1,
            "held while the database is down")
        try server.restart()
        #expect(
            await TestEnvironment.eventually(attempts: 600) {
                (try? await count(database, "SELECT count(*) FROM ledger_orders")) == 15
            })
        #expect(
            await TestEnvironment.eventually {
                (try? await setup.redis.pendingCount(setup.stream, "harvest_brain:execution")) == 0
            })
        #expect(try await count(database, "SELECT count(*) FROM ledger_results") == 15)
        #expect(try await count(database, "SELECT round(entry_qty * 100)::int FROM ledger_round_trips") == 15)
        let letters = try await setup.redis.send(["XLEN", setup.stream + ":deadletter"]).integer
        #expect(letters == 0, "an outage never dead-letters")
    }
}
