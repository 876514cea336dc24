import Foundation
import Testing

@testable import Shared

/// harvestbrain's `LEDGER_WRITERS`: a read batch split by symbol over several connections whose
/// transactions run at once, against the one-writer ledger, on real PostgreSQL.
@Suite(
    "Ledger writers split a read batch by symbol (real PostgreSQL)", .serialized,
    .enabled(if: TestEnvironment.postgresEnabled))
struct LedgerWritersTests {
    static let stream = "quantum:stream:apply.result"
    static let symbols = ["ETHUSDT", "ETHUSDT", "ETHUSDT", "BTCUSDT", "BTCUSDT", "SOLUSDT", "DOGEUSDT", "XRPUSDT"]

    /// `count` apply.result messages over five symbols (ETH three times as busy as SOL): entries,
    /// partial and full closes that open and close round trips, over-closes, non-executed results,
    /// repeated order ids, fills without an order id. Deterministic.
    static func messages(count: Int) -> [StreamMessage] {
        var position: [String: Int] = [:]  // in hundredths
        var lastOrder: [String: String] = [:]
        return (0..<count).map { n in
            let symbol = symbols[(n * 5 + n / 7) % symbols.count]
            let held = position[symbol, default: 0]
            let roll = (n * 37 + n / 11) % 13
            var fields: [(String, String)] = [
                ("plan_id", "plan\(n)"), ("symbol", symbol), ("timestamp", "\(1_770_000_000 + n)"),
            ]
            func fill(side: String, hundredths: Int, reduce: Bool, order: String? = "\(100_000 + n)") {
                fields += [
                    ("executed", "True"), ("side", side), ("filled_qty", "\(Decimal(hundredths) / 100)"),
                    ("avg_price", "\(2000 + n % 50).\(n % 10)"), ("commission", "0.00\(1 + n % 9)"),
                    ("realized_pnl", reduce ? "\(n % 17 - 6).25" : "0"), ("reduce_only", reduce ? "True" : "False"),
                ]
                if let order { fields.append(("order_id", order)) }
                if reduce { fields.append(("action", hundredths >= held ? "FULL_CLOSE_PROPOSED" : "PARTIAL_75")) }
            }
            switch roll {
            case 0:
                fields += [("executed", "False"), ("error", "stale_plan")]
            case 1 where lastOrder[symbol] != nil:
                fill(side: "BUY", hundredths: 5, reduce: false, order: lastOrder[symbol])  // duplicate_order
            case 2:
                fill(side: "BUY", hundredths: 3, reduce: false, order: nil)  // keyed by its plan id
                position[symbol] = held + 3
            case 3 where held > 0:
                fill(side: "SELL", hundredths: held + 2, reduce: true)  // over-close
                position[symbol] = 0
            case 4, 5,
                6 where held > 0:
                let part = max(1, held / 2)
                fill(side: "SELL", hundredths: part, reduce: true)
                position[symbol] = held - part
            case 7 where held > 0:
                fill(side: "SELL", hundredths: held, reduce: true)
                position[symbol] = 0
            default:
                let size = 1 + (n * 13) % 40
                fill(side: "BUY", hundredths: size, reduce: false)
                position[symbol] = held + size
                lastOrder[symbol] = "\(100_000 + n)"
            }
            return StreamMessage(stream: stream, id: "1770000000000-\(n)", fields: fields, deliveries: 1)
        }
    }

    /// Every ledger row with its row ids replaced by natural keys (writers draw ids from the shared
    /// sequences in turn, so ids differ while the rows may not): a result by its entry id, a round
    /// trip by its symbol and rank among the symbol's trips (one writer makes all of a symbol's
    /// trips, in stream order). Plus the aggregate reporting views.
    static func snapshot(_ database: PostgresClient) async throws -> [String: [String]] {
        let trips = """
            SELECT t.*, rank() OVER (PARTITION BY exchange, symbol ORDER BY id) AS rank FROM ledger_round_trips t
            """
        let queries = [
            "results": """
            SELECT ROW(stream, entry_id, plan_id, symbol, action, decision, executed, reduce_only, error, error_code,
                       producer, result_time, fields)::text AS r FROM ledger_results ORDER BY entry_id
            """,
            "orders": """
            SELECT ROW(o.exchange, o.symbol, o.order_id, o.client_order_id, o.plan_id, o.side, o.reduce_only, o.action,
                       o.status, o.filled_qty, o.avg_price, o.realized_pnl, o.commission, o.commission_asset,
                       o.pnl_reported, o.kill_score, o.reason_codes, o.exit_reason, o.plan_source, o.executed_at,
                       t.symbol, t.rank, r.entry_id)::text AS row
              FROM ledger_orders o LEFT JOIN (\(trips)) t ON t.id = o.round_trip_id
              LEFT JOIN ledger_results r ON r.id = o.result_id ORDER BY r.entry_id
            """,
            "trips": """
            SELECT ROW(exchange, symbol, rank, side, status, opened_at, closed_at, entry_qty, entry_notional, exit_qty,
                       exit_notional, gross_pnl, fees, funding, entry_risk_usdt, entry_plan_id, entry_source, exit_action,
                       exit_reason, exit_source, kill_score, reason_codes, exits)::text AS row
              FROM (\(trips)) t ORDER BY symbol, rank
            """,
        ]
        return try await LedgerBatchEquivalenceTests.rows(
            database, queries.merging(LedgerBatchEquivalenceTests.aggregateViews) { first, _ in first })
    }

    /// A recorder on `database` with `writers` connections (the first `database` itself).
    static func recorder(_ database: PostgresClient, writers: Int) async -> ResultRecorder {
        let configuration = await database.configuration
        let more = (1..<writers).map { number in
            LedgerStore(
                database: PostgresClient(
                    configuration: configuration, name: "ledger-\(number + 1)",
                    logger: TestEnvironment.logger))
        }
        return ResultRecorder(store: LedgerStore(database: database), moreWriters: more, logger: TestEnvironment.logger)
    }

    static func dispositions(_ outcomes: [Result<StreamDisposition, any Error>]) -> [String] {
        outcomes.map { outcome in
            switch outcome {
            case .success(let disposition): "\(disposition)"
            case .failure(let error): "failed: \(error)"
            }
        }
    }

    @Test(
        "two and three writers give the one-writer ledger (rows, views, outcomes), read batches of 2,000 and 700",
        arguments: [(2, 2_000), (3, 2_000), (2, 700)])
    func writersMatchOneWriter(writers: Int, batch: Int) async throws {
        let messages = Self.messages(count: 2_300)
        let reference = try await TestEnvironment.freshLedgerDatabase()
        let one = await Self.recorder(reference, writers: 1)
        var expected: [String] = []
        for start in stride(from: 0, to: messages.count, by: batch) {
            expected += Self.dispositions(
                await one.handleBatch(Array(messages[start..<min(start + batch, messages.count)])))
        }
        #expect(expected.allSatisfy { $0 == "ack" }, "\(expected.first { $0 != "ack" } ?? "")")
        let rows = try await Self.snapshot(reference)
        let trips = rows["trips"] ?? []
        #expect(
            trips.count > 20 && trips.contains { $0.contains(",closed,") } && trips.contains { $0.contains(",open,") },
            "the messages open and close round trips: \(trips.prefix(3))")
        #expect(
            (rows["orders"]?.count ?? 0) < messages.count - messages.count / 10,
            "some are not fills or are duplicate orders")

        let database = try await TestEnvironment.freshLedgerDatabase()
        let split = await Self.recorder(database, writers: writers)
        var outcomes: [String] = []
        for start in stride(from: 0, to: messages.count, by: batch) {
            outcomes += Self.dispositions(
                await split.handleBatch(Array(messages[start..<min(start + batch, messages.count)])))
        }
        let differing = outcomes.indices.filter { $0 >= expected.count || outcomes[$0] != expected[$0] }
        #expect(
            outcomes.count == expected.count && differing.isEmpty,
            "\(differing.count) outcomes differ, first \(differing.first.map { "#\($0): \(outcomes[$0])" } ?? "-")")
        let splitRows = try await Self.snapshot(database)
        for name in rows.keys.sorted() {
            #expect(splitRows[name] == rows[name], "\(name) differs with \(writers) writers, batches of \(batch)")
        }
        // Redelivered, the batches change nothing.
        for start in stride(from: 0, to: messages.count, by: batch) {
            _ = await split.handleBatch(Array(messages[start..<min(start + batch, messages.count)]))
        }
        #expect(try await Self.snapshot(database) == rows)
    }

    /// An executed entry of 0.01 at 2000 of `symbol`, order `1000 + n`, planned as `plan`.
    static func entry(_ n: Int, _ symbol: String, plan: String? = nil) -> [(String, String)] {
        [
            ("plan_id", plan ?? "plan\(n)"), ("symbol", symbol), ("executed", "True"), ("side", "BUY"),
            ("filled_qty", "0.01"),
            ("avg_price", "2000"), ("order_id", "\(1000 + n)"), ("timestamp", "\(1_770_000_000 + n)"),
        ]
    }

    /// Each symbol's open round trip's entry quantity, as a `Decimal` (PostgreSQL keeps the scale of the sum).
    static func entryQuantities(_ database: PostgresClient) async throws -> [String: Decimal] {
        let rows = try await database.query(
            "SELECT symbol, entry_qty::text FROM ledger_round_trips WHERE status = 'open'")
        var quantities: [String: Decimal] = [:]
        for row in rows.values {
            if let symbol = row[0], let text = row[1], let quantity = Decimal(string: text) {
                quantities[symbol] = quantity
            }
        }
        return quantities
    }

    @Test(
        "a rejected row fails its writer's part and every later chunk; the other writer's part of its chunk stays booked"
    )
    func rejectedPart() async throws {
        let database = try await LedgerBatchRecorderTests.ledgerRejectingPoison()
        let chunk = ResultRecorder.transactionSize * 2
        // Two symbols alternating: one per writer. The poison is an ETH result in the second chunk.
        let poison = chunk + 101
        let messages = (0..<(chunk * 3)).map { n in
            StreamMessage(
                stream: Self.stream, id: "1770000000000-\(n)",
                fields: Self.entry(n, n.isMultiple(of: 2) ? "BTCUSDT" : "ETHUSDT", plan: n == poison ? "poison" : nil),
                deliveries: 1)
        }
        #expect(messages[poison].fields.contains { $0 == ("symbol", "ETHUSDT") })
        let outcomes = await Self.recorder(database, writers: 2).handleBatch(messages)
        let failed = Set(outcomes.indices.filter { if case .failure = outcomes[$0] { true } else { false } })
        let expected = Set((chunk..<(chunk * 2)).filter { !$0.isMultiple(of: 2) }).union(chunk * 2..<(chunk * 3))
        #expect(failed == expected, "ETH of chunk two and all of chunk three failed")
        let booked = try await database.query(
            """
            SELECT symbol, count(*)::text FROM ledger_results GROUP BY symbol ORDER BY symbol
            """
        ).values
        #expect(booked == [["BTCUSDT", "\(chunk)"], ["ETHUSDT", "\(chunk / 2)"]])
        #expect(
            try await Self.entryQuantities(database) == [
                "BTCUSDT": Decimal(chunk) / 100, "ETHUSDT": Decimal(chunk / 2) / 100,
            ])
    }

    @Test(
        "one writer's connection down: its part fails with the transient error and health is false; the other part is booked"
    )
    func oneWriterUnreachable() async throws {
        let database = try await TestEnvironment.freshLedgerDatabase()
        let port = try RedisProcess.freePort()
        let unreachable = PostgresClient(
            configuration: PostgresConfiguration(
                connectionString: "postgresql://postgres@127.0.0.1:\(port)/none",
                connectTimeoutSeconds: 1),
            name: "ledger-2", logger: TestEnvironment.logger)
        let health = HealthState()
        let recorder = ResultRecorder(
            store: LedgerStore(database: database), moreWriters: [LedgerStore(database: unreachable)],
            logger: TestEnvironment.logger, health: health)
        // 30 BTC results, 20 ETH: BTC (the larger) goes to the first writer, ETH to the unreachable one.
        let messages = (0..<50).map { n in
            StreamMessage(
                stream: Self.stream, id: "1770000000000-\(n)", fields: Self.entry(n, n < 30 ? "BTCUSDT" : "ETHUSDT"),
                deliveries: 1)
        }
        let outcomes = await recorder.handleBatch(messages)
        #expect(outcomes[..<30].allSatisfy { (try? $0.get()) == .ack })
        for outcome in outcomes[30...] {
            guard case .failure(let error) = outcome else {
                Issue.record("an ETH result should have failed: \(outcome)")
                break
            }
            #expect((error as? PostgresError)?.isTransient == true)
        }
        #expect(health.snapshot["postgres"]?.healthy == false, "a booked part does not hide the other's outage")
        #expect(try await Self.entryQuantities(database) == ["BTCUSDT": Decimal(string: "0.3")!])
    }

    @Test(
        "through the consumer with two writers: a rejected row is dead-lettered alone, every other result booked once",
        .enabled(if: TestEnvironment.redisEnabled))
    func rejectedRowThroughConsumer() async throws {
        let database = try await LedgerBatchRecorderTests.ledgerRejectingPoison()
        let redis = try TestEnvironment.redis()
        let stream = TestEnvironment.unique("results")
        let configuration = LedgerBatchRecorderTests.consumerConfiguration(stream: stream, batchSize: 2_000)
        let consumer = StreamConsumer(
            configuration: configuration, redis: try TestEnvironment.redisConfiguration(),
            handler: await Self.recorder(database, writers: 2), logger: TestEnvironment.logger)
        try await consumer.ensureGroup()
        // 1,300 results, BTC and ETH alternating: two chunks of 1,000 and 300. The poison is an ETH
        // result of the first chunk, so its ETH part and the whole second chunk go one at a time.
        let total = 1_300, poison = 401
        var poisonID = ""
        for n in 0..<total {
            let reply = try await redis.streamAdd(
                stream, Self.entry(n, n.isMultiple(of: 2) ? "BTCUSDT" : "ETHUSDT", plan: n == poison ? "poison" : nil))
            if n == poison { poisonID = reply }
        }
        let task = Task { try await consumer.run() }
        defer { task.cancel() }
        #expect(
            await TestEnvironment.eventually(attempts: 800) {
                let pending = try? await redis.pendingCount(stream, "harvest_brain:execution")
                let recorded = try? await LedgerBatchRecorderTests().count(database, "ledger_results")
                return pending == 0 && recorded == total - 1
            })
        #expect(try await LedgerBatchRecorderTests().count(database, "ledger_orders") == total - 1)
        #expect(
            try await Self.entryQuantities(database)
                == ["BTCUSDT": Decimal(total / 2) / 100, "ETHUSDT": Decimal(total / 2 - 1) / 100])
        let letters = try await redis.send(["XRANGE", stream + ":deadletter", "-", "+"]).array ?? []
        #expect(letters.count == 1)
        let fields = letters.first?.array?.last?.array?.compactMap(\.string) ?? []
        #expect(fields.firstIndex(of: "id").map { fields[$0 + 1] } == poisonID)
    }
}
