import Foundation
import Logging
import Synchronization
import Testing

@testable import Shared

/// harvestbrain's batch handler (`ResultRecorder.handleBatch`) with real PostgreSQL, and through a
/// `StreamConsumer` on a real Redis: undecodable messages, outages, and a row PostgreSQL rejects.
@Suite(
    "harvestbrain records a read batch in one transaction (real PostgreSQL, real Redis)", .serialized,
    .enabled(if: TestEnvironment.redisEnabled && TestEnvironment.postgresEnabled))
struct LedgerBatchRecorderTests {
    static let stream = "quantum:stream:apply.result"

    /// An executed fill of order `n` (a new ETHUSDT entry of 0.01 at 2000), planned as `plan`.
    static func fill(_ n: Int, plan: String? = nil) -> [(String, String)] {
        [
            ("plan_id", plan ?? "plan\(n)"), ("symbol", "ETHUSDT"), ("executed", "True"), ("side", "BUY"),
            ("filled_qty", "0.01"), ("avg_price", "2000"), ("order_id", "\(1000 + n)"), ("realized_pnl", "0"),
            ("commission", "0.008"), ("timestamp", "1770000000"),
        ]
    }

    static func message(_ n: Int, _ fields: [(String, String)]) -> StreamMessage {
        StreamMessage(stream: stream, id: "1770000000000-\(n)", fields: fields, deliveries: 1)
    }

    /// Without `symbol`: undecodable.
    static let undecodable: [(String, String)] = [
        ("plan_id", "broken"), ("executed", "True"), ("timestamp", "1770000000"),
    ]

    /// A fresh ledger whose `ledger_results` rejects the plan id `poison` (a CHECK violation,
    /// SQLSTATE 23514: not transient), standing in for any row PostgreSQL refuses.
    static func ledgerRejectingPoison() async throws -> PostgresClient {
        let database = try await TestEnvironment.freshLedgerDatabase()
        try await database.query(
            "ALTER TABLE ledger_results ADD CONSTRAINT test_poison CHECK (plan_id IS DISTINCT FROM 'poison')")
        return database
    }

    /// harvestbrain's consumer of `stream` for a test: short blocks and backoff, dead letters on
    /// `stream:deadletter`.
    static func consumerConfiguration(stream: String, batchSize: Int) -> StreamConsumer.Configuration {
        var configuration = StreamConsumer.Configuration(
            stream: stream, group: "harvest_brain:execution",
            consumer: "host:harvestbrain", service: "harvestbrain")
        configuration.batchSize = batchSize
        configuration.blockTime = .milliseconds(100)
        configuration.retryBackoff = Backoff(initial: .milliseconds(20), maximum: .milliseconds(100))
        configuration.deadLetterStream = stream + ":deadletter"
        return configuration
    }

    /// A log handler keeping every message, to see which path (batch or one at a time) ran.
    struct CapturingLogHandler: LogHandler {
        let lines: Arc
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug

        final class Arc: Sendable {
            let messages = Mutex<[String]>([])
            var all: [String] { messages.withLock { $0 } }
        }

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            lines.messages.withLock { $0.append(event.message.description) }
        }
    }

    func count(_ database: PostgresClient, _ table: String) async throws -> Int {
        Int(try await database.query("SELECT count(*) FROM \(table)").values.first?.first.flatMap { $0 } ?? "-1") ?? -1
    }

    @Test("a batch is acknowledged per message; an undecodable one is dead-lettered with the reason handle(_:) gives")
    func batchOutcomes() async throws {
        let database = try await TestEnvironment.freshLedgerDatabase()
        let health = HealthState()
        let recorder = ResultRecorder(
            store: LedgerStore(database: database), logger: TestEnvironment.logger, health: health)
        let skipped: [(String, String)] = [
            ("plan_id", "skip1"), ("symbol", "BTCUSDT"), ("executed", "False"),
            ("error", "stale_plan"), ("timestamp", "1770000001"),
        ]
        let messages = [
            Self.message(1, Self.fill(1)), Self.message(2, Self.undecodable), Self.message(3, skipped),
            Self.message(4, Self.fill(2)), Self.message(5, Self.fill(2, plan: "plan-again")),
        ]
        let outcomes = await recorder.handleBatch(messages)
        let expectedReason = try await recorder.handle(messages[1])
        guard case .deadLetter(let reason) = expectedReason else {
            Issue.record("an undecodable message should be dead-lettered: \(expectedReason)")
            return
        }
        #expect(reason.hasPrefix("undecodable_result:symbol:"))
        let dispositions = outcomes.map { try? $0.get() }
        #expect(dispositions == [.ack, expectedReason, .ack, .ack, .ack])
        #expect(try await count(database, "ledger_results") == 4)
        #expect(
            try await count(database, "ledger_orders") == 2, "the fifth repeats the fourth's order: duplicate_order")
        #expect(health.snapshot["postgres"]?.healthy == true)
        // Redelivered, the batch changes nothing and is still acknowledged.
        #expect(await recorder.handleBatch(messages).map { try? $0.get() } == [.ack, expectedReason, .ack, .ack, .ack])
        #expect(try await count(database, "ledger_results") == 4)
    }

    @Test("PostgreSQL unreachable: every decodable message fails with the transient error, health is false")
    func outageFailsEveryMessage() async throws {
        let port = try RedisProcess.freePort()
        let database = PostgresClient(
            configuration: PostgresConfiguration(
                connectionString: "postgresql://postgres@127.0.0.1:\(port)/none",
                connectTimeoutSeconds: 1),
            logger: TestEnvironment.logger)
        let health = HealthState()
        let recorder = ResultRecorder(
            store: LedgerStore(database: database), logger: TestEnvironment.logger, health: health)
        let outcomes = await recorder.handleBatch([
            Self.message(1, Self.fill(1)), Self.message(2, Self.undecodable),
            Self.message(3, Self.fill(3)),
        ])
        #expect(outcomes.count == 3)
        for index in [0, 2] {
            guard case .failure(let error) = outcomes[index] else {
                Issue.record("message \(index) should have failed: \(outcomes[index])")
                continue
            }
            #expect((error as? PostgresError)?.isTransient == true)
        }
        #expect(try outcomes[1].get() != .ack)
        #expect(health.snapshot["postgres"]?.healthy == false)
    }

    @Test(
        "a row PostgreSQL rejects fails the whole batch (nothing half-booked); one at a time only it is dead-lettered")
    func rejectedRowDirect() async throws {
        let database = try await Self.ledgerRejectingPoison()
        let recorder = ResultRecorder(store: LedgerStore(database: database), logger: TestEnvironment.logger)
        let messages = (1...5).map { Self.message($0, Self.fill($0, plan: $0 == 3 ? "poison" : nil)) }
        let outcomes = await recorder.handleBatch(messages)
        #expect(outcomes.allSatisfy { if case .failure = $0 { true } else { false } })
        #expect(try await count(database, "ledger_results") == 0, "the batch was rolled back as a whole")
        var dispositions: [StreamDisposition] = []
        for message in messages { dispositions.append(try await recorder.handle(message)) }
        #expect(
            dispositions[0] == .ack && dispositions[1] == .ack && dispositions[3] == .ack && dispositions[4] == .ack)
        guard case .deadLetter(let reason) = dispositions[2] else {
            Issue.record("the poison row was not dead-lettered: \(dispositions[2])")
            return
        }
        #expect(reason.hasPrefix("ledger_rejected:") && reason.contains("23514"))
        #expect(try await count(database, "ledger_results") == 4)
        #expect(try await count(database, "ledger_orders") == 4)
    }

    @Test(
        "a read batch over 500 is written in transactions of 500 in order; a rejected one fails with everything after it, the ones before stay booked"
    )
    func transactionsOfAReadBatch() async throws {
        let database = try await Self.ledgerRejectingPoison()
        let recorder = ResultRecorder(store: LedgerStore(database: database), logger: TestEnvironment.logger)
        let size = ResultRecorder.transactionSize
        let total = size * 2 + 200
        let poison = size + 17  // in the second transaction
        let messages = (0..<total).map { Self.message($0, Self.fill($0, plan: $0 == poison ? "poison" : nil)) }
        let outcomes = await recorder.handleBatch(messages)
        let failed = outcomes.indices.filter { if case .failure = outcomes[$0] { true } else { false } }
        #expect(failed == Array(size..<total), "the first transaction booked, the second and third failed")
        #expect(try await count(database, "ledger_results") == size)
        // The whole batch, without the poison: three transactions, all booked, in order.
        let clean = try await Self.ledgerRejectingPoison()
        let cleanRecorder = ResultRecorder(store: LedgerStore(database: clean), logger: TestEnvironment.logger)
        let fine = (0..<total).map { Self.message($0, Self.fill($0)) }
        #expect(await cleanRecorder.handleBatch(fine).allSatisfy { (try? $0.get()) == .ack })
        #expect(try await count(clean, "ledger_results") == total)
        let trip = try await clean.query("SELECT entry_qty::text FROM ledger_round_trips WHERE status = 'open'")
        #expect(
            trip.values.first?.first.flatMap { $0.flatMap { Decimal(string: $0) } } == Decimal(total) * Decimal(
                string: "0.01")!,
            "one round trip grown by every fill: \(trip.values)")
    }

    @Test("through the consumer: a 40-result batch with one rejected row books 39 and dead-letters only that one")
    func rejectedRowThroughConsumer() async throws {
        let database = try await Self.ledgerRejectingPoison()
        let redis = try TestEnvironment.redis()
        let stream = TestEnvironment.unique("results")
        let configuration = Self.consumerConfiguration(stream: stream, batchSize: 500)
        let lines = CapturingLogHandler.Arc()
        let logger = Logger(label: "recorder") { _ in CapturingLogHandler(lines: lines) }
        let consumer = StreamConsumer(
            configuration: configuration, redis: try TestEnvironment.redisConfiguration(),
            handler: ResultRecorder(store: LedgerStore(database: database), logger: logger),
            logger: TestEnvironment.logger)
        try await consumer.ensureGroup()
        var poisonID = ""
        for n in 0..<40 {
            let reply = try await redis.streamAdd(stream, Self.fill(n, plan: n == 17 ? "poison" : nil))
            if n == 17 { poisonID = reply }
        }
        let task = Task { try await consumer.run() }
        defer { task.cancel() }
        #expect(
            await TestEnvironment.eventually {
                let pending = try? await redis.pendingCount(stream, "harvest_brain:execution")
                let recorded = try? await count(database, "ledger_results")
                return pending == 0 && recorded == 39
            })
        #expect(try await count(database, "ledger_orders") == 39)
        let trip = try await database.query("SELECT entry_qty::text, status FROM ledger_round_trips")
        #expect(trip.values == [["0.39", "open"]])
        let letters = try await redis.send(["XRANGE", stream + ":deadletter", "-", "+"]).array ?? []
        #expect(letters.count == 1)
        let fields = letters.first?.array?.last?.array?.compactMap(\.string) ?? []
        let pairs = Dictionary(
            stride(from: 0, to: fields.count - 1, by: 2).map { (fields[$0], fields[$0 + 1]) },
            uniquingKeysWith: { first, _ in first })
        #expect(pairs["id"] == poisonID)
        #expect(pairs["reason"]?.hasPrefix("ledger_rejected:") == true)
        // The consumer used the batch path first (one transaction, rolled back), then one at a time.
        #expect(lines.all.first == "ledger rejected a batch; recording its results one at a time")
        #expect(lines.all.filter { $0 == "fill recorded" }.count == 39)
    }
}
