import Foundation
import Testing

@testable import Shared

/// A known ledger of three round trips and two funding payments (worked out by hand below):
///
/// | time (UTC)       | event                         | realized | fee  | funding | equity |
/// |------------------|-------------------------------|---------:|-----:|--------:|-------:|
/// | 11-20 10:00      | BTC buy 0.01 @ 90000 (entry)  |          | 0.36 |         |  -0.36 |
/// | 11-20 11:00      | BTC sell 0.005 (ladder)       |     5.00 | 0.18 |         |   4.46 |
/// | 11-20 11:30      | BTC funding                   |          |      |   +0.25 |   4.71 |
/// | 11-20 12:00      | BTC sell 0.005 (kill_score)   |    10.00 | 0.18 |         |  14.53 |
/// | 11-21 09:00      | ETH sell 1 @ 3000 (entry)     |          | 1.20 |         |  13.33 |
/// | 11-21 12:00      | ETH funding                   |          |      |   -0.50 |  12.83 |
/// | 11-21 15:00      | ETH buy 1 @ 3030 (stop)       |   -30.00 | 1.20 |         | -18.37 |
/// | 11-23 08:00      | BTC buy 0.02 @ 90000 (entry)  |          | 0.72 |         | -19.09 |
/// | 11-23 09:00      | BTC sell 0.02 (kill_score)    |    30.00 | 0.72 |         |  10.19 |
///
/// Round trips net: 14.53, -32.90, 28.56. Max drawdown 14.53 → -19.09 = 33.62.
@Suite("harvestbrain report over a known ledger", .enabled(if: TestEnvironment.postgresEnabled))
struct LedgerReportTests {
    static func seededLedger() async throws -> PostgresClient {
        let db = try await TestEnvironment.freshLedgerDatabase()
        let rt1 = try await TestEnvironment.insertClosedRoundTrip(
            db, symbol: "BTCUSDT", side: "LONG", opened: "2026-11-20T10:00:00Z", closed: "2026-11-20T12:00:00Z",
            gross: "15.00", fees: "0.72", funding: "0.25")
        try await TestEnvironment.insertLedgerOrder(
            db, roundTrip: rt1, symbol: "BTCUSDT", orderID: "1", side: "BUY", reduceOnly: false, qty: "0.01",
            price: "90000", commission: "0.36", at: "2026-11-20T10:00:00Z", source: "signal_bot")
        try await TestEnvironment.insertLedgerOrder(
            db, roundTrip: rt1, symbol: "BTCUSDT", orderID: "2", side: "SELL", reduceOnly: true, qty: "0.005",
            price: "91000", realized: "5.00", commission: "0.18", at: "2026-11-20T11:00:00Z", exitReason: "ladder",
            source: "exitbrain")
        try await TestEnvironment.insertLedgerFunding(
            db, symbol: "BTCUSDT", tranID: "f1", amount: "0.25", at: "2026-11-20T11:30:00Z")
        try await TestEnvironment.insertLedgerOrder(
            db, roundTrip: rt1, symbol: "BTCUSDT", orderID: "3", side: "SELL", reduceOnly: true, qty: "0.005",
            price: "92000", realized: "10.00", commission: "0.18", at: "2026-11-20T12:00:00Z", exitReason: "kill_score",
            source: "exitbrain")
        let rt2 = try await TestEnvironment.insertClosedRoundTrip(
            db, symbol: "ETHUSDT", side: "SHORT", opened: "2026-11-21T09:00:00Z", closed: "2026-11-21T15:00:00Z",
            gross: "-30.00", fees: "2.40", funding: "-0.50")
        try await TestEnvironment.insertLedgerOrder(
            db, roundTrip: rt2, symbol: "ETHUSDT", orderID: "4", side: "SELL", reduceOnly: false, qty: "1",
            price: "3000",
            commission: "1.20", at: "2026-11-21T09:00:00Z", source: "signal_bot")
        try await TestEnvironment.insertLedgerFunding(
            db, symbol: "ETHUSDT", tranID: "f2", amount: "-0.50", at: "2026-11-21T12:00:00Z")
        try await TestEnvironment.insertLedgerOrder(
            db, roundTrip: rt2, symbol: "ETHUSDT", orderID: "5", side: "BUY", reduceOnly: true, qty: "1", price: "3030",
            realized: "-30.00", commission: "1.20", at: "2026-11-21T15:00:00Z", exitReason: "stop", source: "exitbrain")
        let rt3 = try await TestEnvironment.insertClosedRoundTrip(
            db, symbol: "BTCUSDT", side: "LONG", opened: "2026-11-23T08:00:00Z", closed: "2026-11-23T09:00:00Z",
            gross: "30.00", fees: "1.44")
        try await TestEnvironment.insertLedgerOrder(
            db, roundTrip: rt3, symbol: "BTCUSDT", orderID: "6", side: "BUY", reduceOnly: false, qty: "0.02",
            price: "90000", commission: "0.72", at: "2026-11-23T08:00:00Z", source: "signal_bot")
        try await TestEnvironment.insertLedgerOrder(
            db, roundTrip: rt3, symbol: "BTCUSDT", orderID: "7", side: "SELL", reduceOnly: true, qty: "0.02",
            price: "91500", realized: "30.00", commission: "0.72", at: "2026-11-23T09:00:00Z", exitReason: "kill_score",
            source: "exitbrain")
        return db
    }

    static func dec(_ text: String) -> Decimal { Decimal(string: text)! }

    @Test("totals: realized 15.00, fees 4.56, funding -0.25, net 10.19 over 3 trades, 2 wins, 1 loss")
    func totals() async throws {
        let summary = try await LedgerReport(database: try await Self.seededLedger()).summary(ReportFilter())
        #expect(
            summary.totals
                == LedgerTotals(
                    realizedPnL: Self.dec("15"), commission: Self.dec("4.56"),
                    funding: Self.dec("-0.25"), trades: 3, wins: 2, losses: 1))
        #expect(summary.totals.netPnL == Self.dec("10.19"))
    }

    @Test("stats: win rate 2/3, profit factor 43.09/32.90, expectancy 10.19/3, max drawdown 33.62")
    func stats() async throws {
        let stats = try await LedgerReport(database: try await Self.seededLedger()).summary(ReportFilter()).stats
        #expect(stats.winRate == Self.dec("0.66666667"))
        #expect(stats.profitFactor == Self.dec("1.30972644"))
        #expect(stats.expectancy == Self.dec("3.39666667"))
        #expect(stats.averageWin == Self.dec("21.545"))
        #expect(stats.averageLoss == Self.dec("-32.9"))
        #expect(stats.largestLoss == Self.dec("-32.9"))
        #expect(stats.maxDrawdown == Self.dec("33.62"))
    }

    @Test("breakdowns per day, week (from Monday), month, symbol, exit reason and source sum to the totals")
    func breakdowns() async throws {
        let summary = try await LedgerReport(database: try await Self.seededLedger()).summary(ReportFilter())
        #expect(summary.byDay.map(\.key) == ["2026-11-20", "2026-11-21", "2026-11-23"])
        #expect(summary.byDay.map(\.netPnL) == [Self.dec("14.53"), Self.dec("-32.9"), Self.dec("28.56")])
        #expect(summary.byDay.map(\.events) == [4, 3, 2])
        #expect(summary.byWeek.map(\.key) == ["2026-11-16", "2026-11-23"])
        #expect(summary.byWeek.map(\.netPnL) == [Self.dec("-18.37"), Self.dec("28.56")])
        #expect(summary.byMonth.map(\.key) == ["2026-11"])
        #expect(summary.bySymbol.map(\.key) == ["BTCUSDT", "ETHUSDT"])
        #expect(summary.bySymbol.map(\.netPnL) == [Self.dec("43.09"), Self.dec("-32.9")])
        #expect(summary.bySymbol[0].commission == Self.dec("2.16"))
        #expect(summary.byExitReason.map(\.key) == ["kill_score", "ladder", "funding", "entry", "stop"])
        #expect(
            summary.byExitReason.map(\.netPnL)
                == [Self.dec("39.1"), Self.dec("4.82"), Self.dec("-0.25"), Self.dec("-2.28"), Self.dec("-31.2")])
        #expect(
            Dictionary(uniqueKeysWithValues: summary.bySource.map { ($0.key, $0.netPnL) })
                == ["exitbrain": Self.dec("12.72"), "signal_bot": Self.dec("-2.28"), "exchange": Self.dec("-0.25")])
        for dimension in PnLDimension.allCases {
            #expect(summary.rows(dimension).reduce(Decimal(0)) { $0 + $1.netPnL } == summary.totals.netPnL)
        }
    }

    @Test("--symbol ETHUSDT: one losing trade, profit factor 0, drawdown 32.90")
    func symbolFilter() async throws {
        let summary = try await LedgerReport(database: try await Self.seededLedger()).summary(
            ReportFilter(symbol: "ethusdt"))
        #expect(
            summary.totals
                == LedgerTotals(
                    realizedPnL: Self.dec("-30"), commission: Self.dec("2.4"),
                    funding: Self.dec("-0.5"), trades: 1, wins: 0, losses: 1))
        #expect(summary.stats.winRate == 0)
        #expect(summary.stats.profitFactor == 0)
        #expect(summary.stats.maxDrawdown == Self.dec("32.9"))
        #expect(summary.bySymbol.map(\.key) == ["ETHUSDT"])
    }

    @Test("--since 2026-11-21 --until 2026-11-21 covers that whole UTC day and nothing else")
    func dateFilter() async throws {
        let filter = ReportFilter(since: try ReportTime.start("2026-11-21"), until: try ReportTime.end("2026-11-21"))
        let summary = try await LedgerReport(database: try await Self.seededLedger()).summary(filter)
        #expect(summary.byDay.map(\.key) == ["2026-11-21"])
        #expect(summary.totals.netPnL == Self.dec("-32.9"))
        #expect(summary.totals.trades == 1)
        let late = try await LedgerReport(database: try await Self.seededLedger())
            .summary(ReportFilter(since: try ReportTime.start("2026-11-23T08:30:00Z")))
        #expect(late.totals.netPnL == Self.dec("29.28"))
        #expect(late.totals.trades == 1)
        #expect(late.stats.maxDrawdown == 0)
        #expect(late.stats.profitFactor == nil, "no losses: no profit factor")
    }

    @Test("an empty ledger reports zeros, no statistics and an empty curve")
    func emptyLedger() async throws {
        let summary = try await LedgerReport(database: try await TestEnvironment.freshLedgerDatabase()).summary(
            ReportFilter())
        #expect(summary.totals == LedgerTotals())
        #expect(summary.stats.winRate == nil && summary.stats.expectancy == nil)
        #expect(summary.equity.isEmpty)
        #expect(summary.json().contains("\"win_rate\": null"))
    }
}
