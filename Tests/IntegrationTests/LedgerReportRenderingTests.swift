import Foundation
import Testing

@testable import Shared

@Suite("harvestbrain report output: table, JSON, CSV and the SVG chart", .enabled(if: TestEnvironment.postgresEnabled))
struct LedgerReportRenderingTests {
    static func summary() async throws -> LedgerSummary {
        try await LedgerReport(database: try await LedgerReportTests.seededLedger()).summary(ReportFilter())
    }

    @Test("--format json is one object with totals, by_* arrays and stats; decimals are strings")
    func jsonShape() async throws {
        let text = try await Self.summary().json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let order = [
            "\"period\"", "\"totals\"", "\"by_day\"", "\"by_week\"", "\"by_month\"", "\"by_symbol\"",
            "\"by_exit_reason\"", "\"by_source\"", "\"stats\"",
        ].compactMap { text.range(of: $0)?.lowerBound }
        #expect(order.count == 9 && order == order.sorted(), "keys are not in the documented order")
        for key in [
            "period", "totals", "by_day", "by_week", "by_month", "by_symbol", "by_exit_reason", "by_source", "stats",
        ] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let totals = try #require(object["totals"] as? [String: Any])
        #expect(totals["realized_pnl"] as? String == "15")
        #expect(totals["commission"] as? String == "4.56")
        #expect(totals["funding"] as? String == "-0.25")
        #expect(totals["net_pnl"] as? String == "10.19")
        #expect(totals["trades"] as? Int == 3)
        #expect(totals["wins"] as? Int == 2)
        #expect(totals["losses"] as? Int == 1)
        let days = try #require(object["by_day"] as? [[String: Any]])
        #expect(days.map { $0["day"] as? String } == ["2026-11-20", "2026-11-21", "2026-11-23"])
        #expect(days.first?["net_pnl"] as? String == "14.53")
        let symbols = try #require(object["by_symbol"] as? [[String: Any]])
        #expect(symbols.first?["symbol"] as? String == "BTCUSDT")
        let reasons = try #require(object["by_exit_reason"] as? [[String: Any]])
        #expect(reasons.first?["exit_reason"] as? String == "kill_score")
        let stats = try #require(object["stats"] as? [String: Any])
        #expect(stats["win_rate"] as? String == "0.66666667")
        #expect(stats["profit_factor"] as? String == "1.30972644")
        #expect(stats["expectancy"] as? String == "3.39666667")
        #expect(stats["max_drawdown"] as? String == "33.62")
        #expect(stats["largest_loss"] as? String == "-32.9")
    }

    @Test("--format csv has the header section,key,metric,value and one exact figure per line")
    func csv() async throws {
        let lines = try await Self.summary().csv().split(separator: "\n").map(String.init)
        #expect(lines.first == "section,key,metric,value")
        #expect(lines.contains("totals,,net_pnl,10.19"))
        #expect(lines.contains("totals,,trades,3"))
        #expect(lines.contains("day,2026-11-21,net_pnl,-32.9"))
        #expect(lines.contains("week,2026-11-16,net_pnl,-18.37"))
        #expect(lines.contains("symbol,ETHUSDT,funding,-0.5"))
        #expect(lines.contains("stats,,max_drawdown,33.62"))
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 4 })
    }

    @Test("the table shows aligned totals, statistics and every breakdown")
    func table() async throws {
        let text = try await Self.summary().table()
        let lines = text.components(separatedBy: "\n")
        #expect(lines.contains { $0.hasPrefix("  net PnL") && $0.hasSuffix("10.19") })
        #expect(lines.contains { $0.hasPrefix("  win rate") && $0.hasSuffix("66.7 %") })
        #expect(lines.contains { $0.hasPrefix("  max drawdown") && $0.hasSuffix("33.62") })
        #expect(lines.contains { $0.hasPrefix("  2026-11-21") && $0.contains("-32.90") })
        for heading in [
            "Totals", "By day", "By week (from Monday)", "By month", "By symbol", "By exit reason", "By plan source",
        ] {
            #expect(lines.contains(heading), "missing section \(heading)")
        }
        let byDay = lines.drop { $0 != "By day" }.dropFirst().prefix { !$0.isEmpty }
        #expect(byDay.count == 5)
        let dayRows = Array(byDay)
        #expect(Set(dayRows.map(\.count)).count == 1, "by-day rows are not aligned: \(dayRows)")
    }

    @Test("--chart writes an SVG with axes and a polyline of one point per ledger event")
    func chart() async throws {
        let summary = try await Self.summary()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("equity-\(UUID().uuidString).svg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try EquityChart().write(summary.equity, to: path)
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") && svg.contains("<svg") && svg.hasSuffix("</svg>\n"))
        #expect(svg.components(separatedBy: "class=\"axis\"").count - 1 == 2)
        let polyline = try #require(svg.split(separator: "\n").first { $0.contains("<polyline") })
        let points = try #require(polyline.split(separator: "\"").drop { !$0.hasSuffix("points=") }.dropFirst().first)
        #expect(points.split(separator: " ").count == 9)
        #expect(summary.equity.map(\.equity).last == Decimal(string: "10.19"))
        #expect(svg.contains("net 10.19"))
    }

    @Test("a chart of an empty period still writes a valid SVG saying so")
    func emptyChart() throws {
        let svg = EquityChart().svg([])
        #expect(svg.contains("no realized PnL in this period"))
        #expect(!svg.contains("<polyline"))
    }
}
