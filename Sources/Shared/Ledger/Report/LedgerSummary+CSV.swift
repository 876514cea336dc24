import FoundationEssentials

extension LedgerSummary {
    /// The CSV header: one figure per line, so every section fits one table.
    package static let csvHeader = "section,key,metric,value"

    /// The report as CSV (`section,key,metric,value`): `totals`, then `day`, `week`, `month`,
    /// `symbol`, `exit_reason`, `source` rows, then `stats`. Money is exact decimal text; a
    /// statistic without data has an empty value.
    package func csv() -> String {
        var lines = [Self.csvHeader]
        func add(_ section: String, _ key: String, _ metric: String, _ value: String) {
            lines.append([section, key, metric, value].map(Self.csvField).joined(separator: ","))
        }
        add("totals", "", "realized_pnl", LedgerDecimal.text(totals.realizedPnL))
        add("totals", "", "commission", LedgerDecimal.text(totals.commission))
        add("totals", "", "funding", LedgerDecimal.text(totals.funding))
        add("totals", "", "net_pnl", LedgerDecimal.text(totals.netPnL))
        add("totals", "", "trades", String(totals.trades))
        add("totals", "", "wins", String(totals.wins))
        add("totals", "", "losses", String(totals.losses))
        for dimension in PnLDimension.allCases {
            for row in rows(dimension) {
                add(dimension.rawValue, row.key, "realized_pnl", LedgerDecimal.text(row.realizedPnL))
                add(dimension.rawValue, row.key, "commission", LedgerDecimal.text(row.commission))
                add(dimension.rawValue, row.key, "funding", LedgerDecimal.text(row.funding))
                add(dimension.rawValue, row.key, "net_pnl", LedgerDecimal.text(row.netPnL))
                add(dimension.rawValue, row.key, "events", String(row.events))
            }
        }
        let figures: [(String, Decimal?)] = [
            ("win_rate", stats.winRate), ("profit_factor", stats.profitFactor), ("expectancy", stats.expectancy),
            ("avg_win", stats.averageWin), ("avg_loss", stats.averageLoss), ("largest_loss", stats.largestLoss),
            ("max_drawdown", stats.maxDrawdown),
        ]
        for (metric, value) in figures { add("stats", "", metric, value.map(LedgerDecimal.text) ?? "") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A field quoted when it holds a comma, a quote or a line break.
    static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }
}
