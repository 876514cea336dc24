import Foundation
import Testing

@testable import Shared

/// The batch writer (`LedgerStore.recordBatch`) against the one-at-a-time writer (`LedgerStore.record`,
/// the original statements with PostgreSQL doing the arithmetic), on real PostgreSQL databases.
@Suite(
    "Ledger batch recording gives the one-at-a-time rows", .serialized, .enabled(if: TestEnvironment.postgresEnabled))
struct LedgerBatchEquivalenceTests {
    static let t0 = Date(timeIntervalSince1970: 1_770_000_000)

    /// A result with a fill of `symbol`, or without one (`fill: false`: not executed, `error`).
    static func result(
        _ entry: Int, _ symbol: String = "ETHUSDT", order: String? = nil, plan: String? = nil,
        side: LedgerFill.Side = .buy,
        reduce: Bool = false, qty: String = "1", price: String = "100", pnl: String = "0", fee: String = "0",
        action: String? = nil, codes: String? = nil, source: String? = nil, risk: String? = nil, kill: Double? = nil,
        fill: Bool = true, executed: Bool? = nil, error: String = "", withoutOrderID: Bool = false
    ) -> LedgerResult {
        let at = t0.addingTimeInterval(Double(entry) * 60 + 0.25)
        let planID = plan ?? "plan-\(entry)"
        let filled =
            !fill
            ? nil
            : LedgerFill(
                symbol: symbol, orderID: withoutOrderID ? nil : order ?? "o\(entry)", clientOrderID: "c\(entry)",
                planID: planID, side: side,
                reduceOnly: reduce, action: action, status: "FILLED", quantity: Decimal(string: qty)!,
                averagePrice: Decimal(string: price)!, realizedPnL: Decimal(string: pnl)!,
                commission: Decimal(string: fee)!,
                commissionAsset: "USDT", pnlReported: true, killScore: kill, reasonCodes: codes,
                planSource: source ?? (reduce ? "exitbrain" : "intent_bridge"),
                entryRiskUSDT: risk.flatMap { Decimal(string: $0) },
                executedAt: at)
        return LedgerResult(
            stream: "quantum:stream:apply.result", entryID: "\(1_770_000_000_000 + entry)-0", planID: planID,
            symbol: symbol,
            action: action, decision: "EXECUTE", executed: executed ?? fill, reduceOnly: reduce, error: error,
            producer: "applylayer", time: at,
            fields: ["plan_id": planID, "symbol": symbol, "n": "\(entry)", "note": "quote \" backslash \\ tab \t"],
            fill: filled)
    }

    /// Entries, partial and full closes, an orphan close, reopening after a close (both sides), an
    /// entry against the open side, an over-close, non-executed results, duplicate order ids (with
    /// and without an exchange order id), a redelivered result, NUL characters, quantities whose
    /// sums carry trailing zeros.
    static let sequence: [LedgerResult] = {
        var results: [LedgerResult] = [
            result(1, qty: "2", price: "2000", fee: "1.6", risk: "10"),
            result(2, fill: false, error: "stale_plan"),
            result(3, "BTCUSDT", side: .sell, qty: "0.50", price: "60000", fee: "12", risk: "300.5"),
            result(
                4, side: .sell, reduce: true, qty: "1.5", price: "2100", pnl: "150", fee: "1.26", action: "PARTIAL_75",
                codes: "harvest_partial_75", kill: 0.41),
            result(5, qty: "0.25", price: "2050", fee: "0.2", risk: "2.5"),
            result(
                6, "SOLUSDT", side: .buy, reduce: true, qty: "3", price: "50", pnl: "-4.5", fee: "0.06",
                action: "FULL_CLOSE_PROPOSED"),
            result(
                7, side: .sell, reduce: true, qty: "0.75", price: "2080", pnl: "60.00", fee: "0.62",
                action: "FULL_CLOSE_PROPOSED",
                codes: "kill_score_triggered", kill: 0.93),
            result(8, side: .sell, qty: "1", price: "2070", fee: "0.8"),
            result(9, "BTCUSDT", order: "o3", side: .sell, qty: "0.50", price: "60000", fee: "12"),
        ]
        results.append(results[3])  // entry 4 redelivered
        results += [
            result(
                11, "BTCUSDT", side: .buy, reduce: true, qty: "0.2", price: "59000", pnl: "200", fee: "4.7",
                action: "UPDATE_SL"),
            result(12, side: .buy, qty: "0.4", price: "2060", pnl: "4", fee: "0.3"),
            result(13, "DOGEUSDT", plan: "doge-plan", qty: "1000", price: "0.1", fee: "0.04", withoutOrderID: true),
            result(14, "DOGEUSDT", plan: "doge-plan", qty: "1000", price: "0.1", fee: "0.04", withoutOrderID: true),
            result(15, side: .buy, reduce: true, qty: "0.6", price: "2000", pnl: "42", fee: "0.5", source: "operator"),
            result(16, qty: "1.25", price: "1990.5", fee: "1", risk: "7.25"),
            result(17, qty: "0.75", price: "1991.5", fee: "0.6"),
            result(18, fill: false, executed: true),
            result(
                19, side: .sell, reduce: true, qty: "2.50", price: "2001", pnl: "20.5", fee: "2",
                action: "FULL_CLOSE_PROPOSED"),
            result(
                20, "BTCUSDT", side: .buy, reduce: true, qty: "0.3", price: "58000", pnl: "600", fee: "7",
                codes: "stop_hit"),
            result(21, fill: false, error: "execution_failed: Binance API error: -2022"),
            result(22, "SOLUSDT", qty: "10", price: "51", fee: "0.2", source: "bridge\u{0}x", risk: "4"),
            result(23, "SOLUSDT", side: .sell, reduce: true, qty: "4", price: "52", pnl: "4", fee: "0.1"),
            result(
                24, "SOLUSDT", side: .sell, reduce: true, qty: "6.0", price: "53", pnl: "12", fee: "0.1",
                codes: "kill_score"),
            result(25, "SOLUSDT", side: .sell, reduce: true, qty: "1", price: "54", pnl: "1", fee: "0.01"),
            result(26, "SOLUSDT", side: .buy, qty: "2", price: "55", fee: "0.02"),
            result(27, "BTCUSDT", order: "o16", qty: "1.25", price: "1990.5", fee: "1"),
        ]
        results[results.count - 1].fill?.symbol = "ETHUSDT"  // same (exchange, symbol, order id) as entry 16
        results[results.count - 1].symbol = "ETHUSDT"
        results[21].fields["with\u{0}nul"] = "v\u{0}"
        return results
    }()

    /// `results` cut into consecutive batches of the given sizes (the last one takes the rest).
    static func split(_ results: [LedgerResult], _ sizes: [Int]) -> [[LedgerResult]] {
        var batches: [[LedgerResult]] = []
        var start = 0
        for size in sizes where start < results.count {
            batches.append(Array(results[start..<min(results.count, start + size)]))
            start += size
        }
        if start < results.count { batches.append(Array(results[start...])) }
        return batches
    }

    /// Every ledger row the writer makes, as text (result and round trip ids included: the batch
    /// takes their sequence values in the same order), and the reporting views.
    static func snapshot(_ database: PostgresClient) async throws -> [String: [String]] {
        let queries = [
            "results": """
            SELECT ROW(id, stream, entry_id, plan_id, symbol, action, decision, executed, reduce_only, error, error_code,
                       producer, result_time, fields)::text FROM ledger_results ORDER BY id
            """,
            // Not the order's own id: the one-at-a-time path spends a sequence value on a duplicate order.
            "orders": """
            SELECT ROW(exchange, symbol, order_id, client_order_id, plan_id, side, reduce_only, action, status, filled_qty,
                       avg_price, realized_pnl, commission, commission_asset, pnl_reported, kill_score, reason_codes,
                       exit_reason, plan_source, executed_at, round_trip_id, result_id)::text FROM ledger_orders ORDER BY id
            """,
            "trips": "SELECT ROW(t.*)::text FROM ledger_round_trips t ORDER BY id",
            "report": "SELECT ROW(v.*)::text AS r FROM ledger_round_trip_report v ORDER BY r",
        ]
        return try await rows(database, queries.merging(aggregateViews) { first, _ in first })
    }

    /// The reporting views that hold no row ids, each as its rows' text in order.
    static let aggregateViews = [
        "by_reason": "SELECT ROW(v.*)::text AS r FROM ledger_pnl_by_exit_reason v ORDER BY r",
        "by_symbol": "SELECT ROW(v.*)::text AS r FROM ledger_pnl_by_symbol v ORDER BY r",
        "stats": "SELECT ROW(v.*)::text AS r FROM ledger_trade_stats v ORDER BY r",
        "skipped": "SELECT ROW(v.*)::text AS r FROM ledger_skipped_by_reason v ORDER BY r",
        "funnel": "SELECT ROW(v.*)::text AS r FROM ledger_exit_funnel v ORDER BY r",
    ]

    /// Each query's one-column rows as text ("NULL" for a null), by the query's name.
    static func rows(_ database: PostgresClient, _ queries: [String: String]) async throws -> [String: [String]] {
        var snapshot: [String: [String]] = [:]
        for (name, sql) in queries {
            snapshot[name] = try await database.query(sql).values.map { $0.first.flatMap { $0 } ?? "NULL" }
        }
        return snapshot
    }

    static func migrated() async throws -> (PostgresClient, LedgerStore) {
        let database = try await TestEnvironment.freshLedgerDatabase()
        return (database, LedgerStore(database: database))
    }

    /// The reference: every result through `record(_:)`, in order.
    static func oneByOne(_ results: [LedgerResult]) async throws -> (
        outcomes: [LedgerOutcome], rows: [String: [String]]
    ) {
        let (database, store) = try await migrated()
        var outcomes: [LedgerOutcome] = []
        for result in results { outcomes.append(try await store.record(result)) }
        return (outcomes, try await snapshot(database))
    }

    @Test(
        "the mixed sequence recorded one by one and in batches of any split gives identical rows, views and outcomes",
        arguments: [[1_000], [1], [2], [3], [5, 1, 7], [9, 10], [4, 4, 2, 8], [13], [6, 1, 1, 1, 20]])
    func batchesMatchOneByOne(sizes: [Int]) async throws {
        let reference = try await Self.oneByOne(Self.sequence)
        // The reference itself is what the rules say.
        let trips = try #require(reference.rows["trips"])
        #expect(
            trips.count == 9,
            "ETH ×3 (long, reopened short, long again), BTC, SOL ×4 (orphan, long, orphan, long), DOGE")
        #expect(
            reference.outcomes[8] == .duplicateOrder && reference.outcomes[9] == .duplicate
                && reference.outcomes[13] == .duplicateOrder && reference.outcomes.last == .duplicateOrder)

        let (database, store) = try await Self.migrated()
        var outcomes: [LedgerOutcome] = []
        for batch in Self.split(Self.sequence, sizes) { outcomes += try await store.recordBatch(batch) }
        #expect(outcomes == reference.outcomes)
        let rows = try await Self.snapshot(database)
        for name in reference.rows.keys.sorted() {
            #expect(rows[name] == reference.rows[name], "\(name) differs for batches \(sizes)")
        }
    }

    @Test("a whole batch redelivered (as one batch or re-split) changes nothing and reports every result a duplicate")
    func redeliveredBatchChangesNothing() async throws {
        let (database, store) = try await Self.migrated()
        let first = try await store.recordBatch(Self.sequence)
        #expect(first.contains(.recorded(order: true)))
        let before = try await Self.snapshot(database)
        #expect(try await store.recordBatch(Self.sequence) == Array(repeating: .duplicate, count: Self.sequence.count))
        for batch in Self.split(Self.sequence, [3, 11]) {
            #expect(try await store.recordBatch(batch) == Array(repeating: .duplicate, count: batch.count))
        }
        #expect(try await Self.snapshot(database) == before)
    }

    @Test("an empty batch does nothing")
    func emptyBatch() async throws {
        let (database, store) = try await Self.migrated()
        #expect(try await store.recordBatch([]) == [])
        #expect(try await database.query("SELECT count(*)::text FROM ledger_results").values == [["0"]])
    }

    @Test("later batches extend trips opened by earlier ones, even one-at-a-time ones, with the same sums and scales")
    func mixedPathsShareTrips() async throws {
        let reference = try await Self.oneByOne(Self.sequence)
        let (database, store) = try await Self.migrated()
        var outcomes: [LedgerOutcome] = []
        for (index, batch) in Self.split(Self.sequence, [2, 3, 4, 1, 6]).enumerated() {
            if index.isMultiple(of: 2) {
                outcomes += try await store.recordBatch(batch)
            } else {
                for result in batch { outcomes.append(try await store.record(result)) }
            }
        }
        #expect(outcomes == reference.outcomes)
        #expect(try await Self.snapshot(database) == reference.rows)
        let closed = try await database.query(
            """
            SELECT entry_qty::text, exit_qty::text FROM ledger_round_trips WHERE symbol = 'ETHUSDT' ORDER BY id
            """)
        #expect(closed.values.first == ["2.25", "2.25"], "scales kept as PostgreSQL adds them: 2 + 0.25, 1.5 + 0.75")
    }

    /// A random sequence over three symbols: entries and reduce-only fills of random sides and
    /// quantities (scales 0 to 3), non-executed results, repeated orders and redelivered entries.
    static func randomSequence(seed: UInt64, count: Int) -> [LedgerResult] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        var results: [LedgerResult] = []
        for entry in 1...count {
            let symbol = ["ETHUSDT", "BTCUSDT", "SOLUSDT"][next(3)]
            let quantity = ["1", "0.5", "0.25", "2.50", "0.125", "3", "1.0"][next(7)]
            switch next(10) {
            case 0:
                results.append(result(entry, symbol, fill: false, error: "stale_plan"))
            case 1 where !results.isEmpty:
                results.append(results[next(results.count)])  // redelivered
            case 2 where entry > 1:
                // A repeated order id.
                results.append(result(entry, symbol, order: "o\(1 + next(entry - 1))", qty: quantity))
            default:
                let reduce = next(2) == 0
                results.append(
                    result(
                        entry, symbol, side: next(2) == 0 ? .buy : .sell, reduce: reduce, qty: quantity,
                        price: "\(1000 + next(100)).\(next(100))", pnl: reduce ? "\(next(50) - 20).5" : "0",
                        fee: "0.0\(next(9) + 1)", risk: reduce || next(3) == 0 ? nil : "\(next(20) + 1)"))
            }
        }
        return results
    }

    @Test("random sequences: batches of random sizes give the one-at-a-time rows", arguments: [UInt64(1), 2, 3])
    func randomSequences(seed: UInt64) async throws {
        let sequence = Self.randomSequence(seed: seed, count: 200)
        let reference = try await Self.oneByOne(sequence)
        #expect((reference.rows["trips"]?.count ?? 0) > 10, "the sequence opens and closes trips")
        let (database, store) = try await Self.migrated()
        var sizes: [Int] = []
        var generator = seed
        while sizes.reduce(0, +) < sequence.count {
            generator = generator &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            sizes.append(Int(generator >> 33) % 60 + 1)
        }
        var outcomes: [LedgerOutcome] = []
        for batch in Self.split(sequence, sizes) { outcomes += try await store.recordBatch(batch) }
        #expect(outcomes == reference.outcomes)
        let rows = try await Self.snapshot(database)
        for name in reference.rows.keys.sorted() {
            #expect(rows[name] == reference.rows[name], "\(name) differs for seed \(seed), batches \(sizes)")
        }
    }
}
