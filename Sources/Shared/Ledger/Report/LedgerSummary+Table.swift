import FoundationEssentials

extension LedgerSummary {
    /// Places shown for money in tables (JSON and CSV keep every digit).
    static let tableScale = 2

    /// The report as readable, aligned tables for a terminal.
    package func table() -> String {
        var sections = [header(), totalsTable(), statsTable()]
        for dimension in PnLDimension.allCases {
            let rows = rows(dimension)
            var table = TextTable(headers: [dimension.columnName, "realized", "commission", "funding", "net", "events"])
            for row in rows {
                table.append([
                    row.key, money(row.realizedPnL), money(row.commission), money(row.funding),
                    money(row.netPnL), String(row.events),
                ])
            }
            sections.append(
                "By \(dimension.title.prefix(1).lowercased() + dimension.title.dropFirst())\n"
                    + (rows.isEmpty ? "  (no ledger events)" : table.render()))
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    private func header() -> String {
        let since = filter.since.map(ReportTime.rfc3339) ?? "the beginning"
        let until = filter.until.map(ReportTime.rfc3339) ?? "now"
        return "Realized PnL ledger: \(since) to \(until) (end excluded), symbol \(filter.symbol ?? "all")"
    }

    private func totalsTable() -> String {
        var table = TextTable(headers: ["figure", "value"])
        table.append(["realized PnL", money(totals.realizedPnL)])
        table.append(["commission", money(totals.commission)])
        table.append(["funding", money(totals.funding)])
        table.append(["net PnL", money(totals.netPnL)])
        table.append(["round trips closed", String(totals.trades)])
        table.append(["wins / losses", "\(totals.wins) / \(totals.losses)"])
        return "Totals\n" + table.render()
    }

    private func statsTable() -> String {
        var table = TextTable(headers: ["statistic", "value"])
        table.append(["win rate", stats.winRate.map { LedgerDecimal.fixed($0 * 100, scale: 1) + " %" } ?? "n/a"])
        table.append([
            "profit factor",
            stats.profitFactor.map { LedgerDecimal.fixed($0, scale: 2) }
                ?? (stats.wins > 0 ? "no losses" : "n/a"),
        ])
        table.append(["expectancy", optionalMoney(stats.expectancy)])
        table.append(["average win", optionalMoney(stats.averageWin)])
        table.append(["average loss", optionalMoney(stats.averageLoss)])
        table.append(["largest loss", optionalMoney(stats.largestLoss)])
        table.append(["max drawdown", money(stats.maxDrawdown)])
        return "Trade statistics (closed round trips)\n" + table.render()
    }

    private func money(_ value: Decimal) -> String { LedgerDecimal.fixed(value, scale: Self.tableScale) }

    private func optionalMoney(_ value: Decimal?) -> String { value.map(money) ?? "n/a" }
}
