import Foundation
import Testing

@testable import Shared

@Suite("Ledger writer against a real PostgreSQL", .enabled(if: TestEnvironment.postgresEnabled))
struct LedgerStoreTests {
    static let t0 = Date(timeIntervalSince1970: 1_770_000_000)

    func migrated() async throws -> (PostgresClient, LedgerStore) {
        let database = try await TestEnvironment.freshDatabase()
        try await LedgerMigrator(database: database, logger: TestEnvironment.logger).migrate()
        return (database, LedgerStore(database: database))
    }

    func result(_ entry: String, _ fill: LedgerFill?, error: String = "") -> LedgerResult {
        LedgerResult(
            stream: "quantum:stream:apply.result", entryID: entry, planID: fill?.planID ?? "p-\(entry)",
            symbol: fill?.symbol ?? "BTCUSDT", action: fill?.action, executed: fill != nil,
            reduceOnly: fill?.reduceOnly ?? false, error: error, producer: "applylayer",
            time: fill?.executedAt ?? Self.t0, fields: ["plan_id": fill?.planID ?? "p-\(entry)"], fill: fill)
    }

    func fill(
        _ order: String, _ side: LedgerFill.Side, reduce: Bool, qty: String, price: String, pnl: String = "0",
        fee: String, minutes: Double, action: String? = nil, codes: String? = nil
    ) -> LedgerFill {
        LedgerFill(
            symbol: "ETHUSDT", orderID: order, planID: "plan-\(order)", side: side, reduceOnly: reduce,
            action: action, status: "FILLED", quantity: Decimal(string: qty)!, averagePrice: Decimal(string: price)!,
            realizedPnL: Decimal(string: pnl)!, commission: Decimal(string: fee)!, commissionAsset: "USDT",
            killScore: codes == nil ? nil : 0.71, reasonCodes: codes,
            planSource: reduce ? "exitbrain" : "intent_bridge",
            entryRiskUSDT: reduce ? nil : Decimal(string: "10"), executedAt: Self.t0.addingTimeInterval(minutes * 60))
    }

    @Test("migrations apply once, in order, and a second run applies nothing")
    func migrationsAreVersioned() async throws {
        let database = try await TestEnvironment.freshDatabase()
        let migrator = LedgerMigrator(database: database, logger: TestEnvironment.logger)
        #expect(try await migrator.migrate() == LedgerMigration.all.map(\.version))
        #expect(try await migrator.migrate() == [])
        #expect(try await migrator.appliedVersions() == LedgerMigration.all.map(\.version))
        let roles = try await database.query(
            "SELECT rolname FROM pg_roles WHERE rolname LIKE 'quantum_ledger_%' ORDER BY rolname")
        #expect(roles.values == [["quantum_ledger_reader"], ["quantum_ledger_writer"]])
    }

    @Test("entry, partial close and full close make one closed round trip with the hand-computed figures")
    func roundTripFromPartials() async throws {
        let (database, store) = try await migrated()
        // LONG 2 ETH at 2000 (fee 1.6), close 1.5 at 2100 (+150, fee 1.26), close 0.5 at 2050 (+25, fee 0.41).
        #expect(
            try await store.record(
                result("1-0", fill("11", .buy, reduce: false, qty: "2", price: "2000", fee: "1.6", minutes: 0)))
                == .recorded(order: true))
        #expect(
            try await store.record(
                result(
                    "2-0",
                    fill(
                        "12", .sell, reduce: true, qty: "1.5", price: "2100", pnl: "150",
                        fee: "1.26", minutes: 30, action: "PARTIAL_75", codes: "harvest_partial_75")))
                == .recorded(order: true))
        let open = try await database.query("SELECT status FROM ledger_round_trips")
        #expect(open.values == [["open"]])
        _ = try await store.record(
            result(
                "3-0",
                fill(
                    "13", .sell, reduce: true, qty: "0.5", price: "2050", pnl: "25",
                    fee: "0.41", minutes: 90, action: "FULL_CLOSE_PROPOSED", codes: "kill_score_triggered")))
        let trip = try await database.query(
            """
            SELECT status, avg_entry_price::text, round(avg_exit_price, 2)::text AS exit, quantity::text, gross_pnl::text,
                   fees::text, net_pnl::text, r_multiple::text, extract(epoch FROM holding_time)::int::text AS held,
                   exit_reason, exits::text FROM ledger_round_trip_report
            """)
        let row = try #require(trip.dictionaries.first)
        #expect(row["status"] == "closed")
        #expect(row["avg_entry_price"].flatMap { $0 }.flatMap { Decimal(string: $0) } == 2000)
        #expect(row["exit"] == "2087.50")  // (1.5 × 2100 + 0.5 × 2050) / 2
        #expect(row["gross_pnl"] == "175")
        #expect(row["fees"] == "3.27")
        #expect(row["net_pnl"] == "171.73")
        #expect(row["r_multiple"].flatMap { $0 }.flatMap { Decimal(string: $0) } == Decimal(string: "17.173"))
        #expect(row["held"] == "5400")
        #expect(row["exit_reason"] == "kill_score")
        #expect(row["exits"] == "2")
    }

    @Test("the same result delivered twice, or the same order under a new entry id, is recorded once")
    func redeliveryChangesNothing() async throws {
        let (database, store) = try await migrated()
        let entry = result("5-0", fill("21", .buy, reduce: false, qty: "1", price: "100", fee: "0.04", minutes: 0))
        #expect(try await store.record(entry) == .recorded(order: true))
        #expect(try await store.record(entry) == .duplicate)
        var again = entry
        again.entryID = "6-0"
        #expect(try await store.record(again) == .duplicateOrder)
        let counts = try await database.query(
            """
            SELECT (SELECT count(*) FROM ledger_orders)::text AS orders, (SELECT entry_qty FROM ledger_round_trips)::text AS qty
            """)
        #expect(counts.dictionaries.first?["orders"] == "1")
        #expect(counts.dictionaries.first?["qty"] == "1")
    }

    @Test("non-executed results are counted by error code, with no order row")
    func skippedResultsCounted() async throws {
        let (database, store) = try await migrated()
        _ = try await store.record(result("7-0", nil, error: "stale_plan"))
        _ = try await store.record(result("8-0", nil, error: "stale_plan"))
        _ = try await store.record(result("9-0", nil, error: "execution_failed: Binance API error: -2022"))
        let rows = try await database.query(
            "SELECT error_code, results::text FROM ledger_skipped_by_reason ORDER BY error_code")
        #expect(rows.values == [["execution_failed", "1"], ["stale_plan", "2"]])
        #expect(try await database.query("SELECT count(*)::text FROM ledger_orders").values == [["0"]])
    }

    @Test("a close whose entry the ledger never saw still books its realized PnL")
    func orphanClose() async throws {
        let (database, store) = try await migrated()
        _ = try await store.record(
            result(
                "10-0",
                fill(
                    "31", .buy, reduce: true, qty: "3", price: "50", pnl: "-4.5",
                    fee: "0.06", minutes: 0, action: "FULL_CLOSE_PROPOSED")))
        let rows = try await database.query("SELECT side, status, net_pnl::text FROM ledger_round_trip_report")
        #expect(rows.values == [["SHORT", "closed", "-4.56"]])
    }
}

extension LedgerStoreTests {
    @Test(
        "a result carrying NUL characters (a hostile plan_source, a field) is still booked with its fill; NUL is stored as U+FFFD"
    )
    func nulCharactersDoNotLoseAFill() async throws {
        let (database, store) = try await migrated()
        var entry = fill("21", .buy, reduce: false, qty: "1", price: "2000", fee: "0.8", minutes: 0)
        entry.planSource = "bridge\u{0}'; DROP TABLE ledger_orders; --"
        var record = result("9-0", entry)
        record.fields["plan_source"] = entry.planSource
        record.fields["note\u{0}"] = "x\u{0}y"
        #expect(try await store.record(record) == .recorded(order: true))
        let orders = try await database.query("SELECT plan_source FROM ledger_orders WHERE order_id = '21'")
        #expect(orders.values == [["bridge\u{FFFD}'; DROP TABLE ledger_orders; --"]])
        let fields = try await database.query(
            "SELECT fields->>'note\u{FFFD}' FROM ledger_results WHERE entry_id = '9-0'")
        #expect(fields.values == [["x\u{FFFD}y"]])
    }
}
