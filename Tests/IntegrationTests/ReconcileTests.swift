import Foundation
import Testing

@testable import Shared

@Suite(
    "harvestbrain reconcile: ledger against the exchange's income history",
    .enabled(if: TestEnvironment.postgresEnabled))
struct ReconcileTests {
    let since = TestEnvironment.utc("2026-11-20T00:00:00Z")
    let until = TestEnvironment.utc("2026-11-22T00:00:00Z")

    /// BTCUSDT on 11-20: fees 0.36 + 0.18 + 0.18, realized 5 + 10; ETHUSDT on 11-21: fees 1.20 × 2, realized -30.
    static func ledger() async throws -> PostgresClient {
        let db = try await TestEnvironment.freshLedgerDatabase()
        let orders: [(String, String, String, String, String, String)] = [
            ("BTCUSDT", "1", "BUY", "0", "0.36", "2026-11-20T10:00:00Z"),
            ("BTCUSDT", "2", "SELL", "5.00", "0.18", "2026-11-20T11:00:00Z"),
            ("BTCUSDT", "3", "SELL", "10.00", "0.18", "2026-11-20T12:00:00Z"),
            ("ETHUSDT", "4", "SELL", "0", "1.20", "2026-11-21T09:00:00Z"),
            ("ETHUSDT", "5", "BUY", "-30.00", "1.20", "2026-11-21T15:00:00Z"),
        ]
        for (symbol, id, side, realized, fee, at) in orders {
            try await TestEnvironment.insertLedgerOrder(
                db, roundTrip: nil, symbol: symbol, orderID: id, side: side, reduceOnly: realized != "0", qty: "1",
                price: "100", realized: realized, commission: fee, at: at)
        }
        return db
    }

    /// The exchange's view of the same trading (commissions negative, as Binance reports them),
    /// with funding both ways and a transfer that reconcile ignores.
    static func income() -> [IncomeRow] {
        func row(_ symbol: String, _ type: String, _ amount: String, _ at: String, _ tran: String) -> IncomeRow {
            IncomeRow(
                symbol: symbol, incomeType: type, amount: Decimal(string: amount)!, asset: "USDT",
                time: TestEnvironment.utc(at), tranID: tran)
        }
        return [
            row("BTCUSDT", "COMMISSION", "-0.36", "2026-11-20T10:00:00Z", "101"),
            row("BTCUSDT", "REALIZED_PNL", "5.00", "2026-11-20T11:00:00Z", "102"),
            row("BTCUSDT", "COMMISSION", "-0.18", "2026-11-20T11:00:00Z", "103"),
            row("BTCUSDT", "FUNDING_FEE", "0.25", "2026-11-20T11:30:00Z", "104"),
            row("BTCUSDT", "REALIZED_PNL", "10.00", "2026-11-20T12:00:00Z", "105"),
            row("BTCUSDT", "COMMISSION", "-0.18", "2026-11-20T12:00:00Z", "106"),
            row("ETHUSDT", "COMMISSION", "-1.20", "2026-11-21T09:00:00Z", "107"),
            row("ETHUSDT", "FUNDING_FEE", "-0.50", "2026-11-21T12:00:00Z", "108"),
            row("ETHUSDT", "REALIZED_PNL", "-30.00", "2026-11-21T15:00:00Z", "109"),
            row("ETHUSDT", "COMMISSION", "-1.20", "2026-11-21T15:00:00Z", "110"),
            row("", "TRANSFER", "100", "2026-11-21T16:00:00Z", "111"),
        ]
    }

    static func count(_ db: PostgresClient, _ sql: String) async throws -> Int {
        Int(try await db.query(sql).value(0, "n") ?? "") ?? -1
    }

    @Test("matching income: every symbol-day within tolerance, exit code 0, income and funding recorded once")
    func passesWithoutDrift() async throws {
        let db = try await Self.ledger()
        let reconciler = Reconciler(database: db)
        let result = try await reconciler.reconcile(
            income: Self.income(), since: since, until: until, tolerance: Decimal(string: "0.01")!)
        #expect(result.rows.map { "\($0.day) \($0.symbol)" } == ["2026-11-20 BTCUSDT", "2026-11-21 ETHUSDT"])
        #expect(result.rows.allSatisfy { $0.drift == 0 })
        #expect(result.rows[0].exchangeCommission == Decimal(string: "0.72"))
        #expect(result.rows[0].ledgerCommission == Decimal(string: "0.72"))
        #expect(result.rows[1].ledgerFunding == Decimal(string: "-0.5"))
        #expect(result.allWithinTolerance && result.exitCode == 0)
        #expect(result.text().contains("OK: every symbol-day is within the tolerance"))
        _ = try await reconciler.reconcile(
            income: Self.income(), since: since, until: until, tolerance: Decimal(string: "0.01")!)
        #expect(try await Self.count(db, "SELECT count(*) AS n FROM ledger_income") == 11)
        #expect(try await Self.count(db, "SELECT count(*) AS n FROM ledger_funding") == 2)
        #expect(
            try await Self.count(db, "SELECT count(*) AS n FROM ledger_reconciliations WHERE within_tolerance") == 4)
        let again = try await reconciler.reconcile(
            income: [], since: since, until: until, tolerance: Decimal(string: "0.01")!)
        #expect(again.exitCode == 0, "recorded income is compared on later runs too")
    }

    @Test("a fill missing from the ledger and a symbol it never saw are drift: exit code 1, recorded as such")
    func findsInjectedDrift() async throws {
        let db = try await Self.ledger()
        var income = Self.income()
        income.append(
            IncomeRow(
                symbol: "BTCUSDT", incomeType: "REALIZED_PNL", amount: Decimal(string: "1.50")!, asset: "USDT",
                time: TestEnvironment.utc("2026-11-20T13:00:00Z"), tranID: "201"))
        income.append(
            IncomeRow(
                symbol: "SOLUSDT", incomeType: "REALIZED_PNL", amount: 2, asset: "USDT",
                time: TestEnvironment.utc("2026-11-21T18:00:00Z"), tranID: "202"))
        let result = try await Reconciler(database: db).reconcile(
            income: income, since: since, until: until, tolerance: Decimal(string: "0.01")!)
        #expect(result.exitCode == 1)
        #expect(result.drifting.map { "\($0.symbol) \($0.drift)" } == ["BTCUSDT 1.5", "SOLUSDT 2"])
        #expect(result.rows.first { $0.symbol == "ETHUSDT" }?.withinTolerance == true)
        #expect(result.text().contains("DRIFT: 2 of 3 symbol-days beyond the tolerance"))
        let recorded = try await db.query(
            "SELECT symbol, drift::text AS drift FROM ledger_reconciliations WHERE NOT within_tolerance ORDER BY symbol"
        )
        #expect(recorded.values == [["BTCUSDT", "1.5"], ["SOLUSDT", "2"]])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.json().utf8)) as? [String: Any])
        #expect(json["within_tolerance"] as? Bool == false)
    }

    @Test("a commission difference below the tolerance passes; above it fails")
    func tolerance() async throws {
        let db = try await Self.ledger()
        let income = Self.income().map { row -> IncomeRow in
            var row = row
            if row.tranID == "103" { row.amount = Decimal(string: "-0.185")! }
            return row
        }
        let loose = try await Reconciler(database: db).reconcile(
            income: income, since: since, until: until, tolerance: Decimal(string: "0.01")!)
        #expect(loose.exitCode == 0)
        #expect(loose.rows[0].drift == Decimal(string: "0.005"))
        let strict = try await Reconciler(database: db).reconcile(
            income: [], since: since, until: until, tolerance: Decimal(string: "0.001")!)
        #expect(strict.exitCode == 1)
    }

    @Test("a funding fee is added once to the round trip open at its time, so the trip's net PnL includes it")
    func fundingJoinsRoundTrip() async throws {
        let db = try await Self.ledger()
        let trip = try await TestEnvironment.insertClosedRoundTrip(
            db, symbol: "BTCUSDT", side: "LONG", opened: "2026-11-20T10:00:00Z", closed: "2026-11-20T12:00:00Z",
            gross: "15", fees: "0.72")
        let other = try await TestEnvironment.insertClosedRoundTrip(
            db, symbol: "BTCUSDT", side: "LONG", opened: "2026-11-20T13:00:00Z", closed: "2026-11-20T14:00:00Z",
            gross: "0", fees: "0")
        for _ in 0..<2 {
            _ = try await Reconciler(database: db).reconcile(
                income: Self.income(), since: since, until: until, tolerance: 1)
        }
        let funding = try await db.query(
            "SELECT id::text AS id, funding::text AS funding FROM ledger_round_trips ORDER BY id")
        #expect(funding.values == [[trip, "0.25"], [other, "0"]])
        let report = try await LedgerReport(database: db).roundTripNets(ReportFilter(symbol: "BTCUSDT"))
        #expect(report.first == Decimal(string: "14.53"))
    }

    @Test("a saved /fapi/v1/income answer is read as income rows, filtered to the period")
    func incomeFile() async throws {
        let json = """
            [{"symbol":"BTCUSDT","incomeType":"COMMISSION","income":"-0.01000000","asset":"USDT","info":"","time":1795168800000,"tranId":9689322392,"tradeId":"2059192"},
             {"symbol":"ETHUSDT","incomeType":"FUNDING_FEE","income":"0.0005","asset":"USDT","info":"","time":1795186800000,"tranId":"77","tradeId":""},
             {"symbol":"ETHUSDT","incomeType":"REALIZED_PNL","income":"1","asset":"USDT","time":1700000000000,"tranId":78}]
            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("income-\(UUID().uuidString).json")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        let rows = try await BinanceIncomeFile(path: path).income(from: since, until: until)
        try #require(rows.count == 2)
        #expect(
            rows[0]
                == IncomeRow(
                    symbol: "BTCUSDT", incomeType: "COMMISSION", amount: Decimal(string: "-0.01")!, asset: "USDT",
                    time: TestEnvironment.utc("2026-11-20T10:00:00Z"), tranID: "9689322392", tradeID: "2059192"))
        #expect(rows[1].tradeID == nil && rows[1].tranID == "77")
        #expect(throws: IncomeSourceError.self) { try BinanceIncomeFile.parse(Data("{\"code\":-1021}".utf8)) }
        await #expect(throws: IncomeSourceError.self) {
            try await BinanceIncomeFile(path: "/nonexistent/income.json").income(from: since, until: until)
        }
    }
}
