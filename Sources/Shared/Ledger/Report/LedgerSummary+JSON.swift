import FoundationEssentials

extension LedgerSummary {
    /// The report as one JSON object (ledger.md): `period`, `totals`, `by_day`, `by_week`,
    /// `by_month`, `by_symbol`, `by_exit_reason`, `by_source`, `stats`, in that order. Money is
    /// decimal text; counts are integers; a statistic without data is `null`.
    package func json(pretty: Bool = true) -> String {
        var pairs: [(String, JSONText.Value)] = [
            (
                "period",
                .object(
                    JSONText.Object([
                        ("since", .text(filter.since.map(ReportTime.rfc3339))),
                        ("until", .text(filter.until.map(ReportTime.rfc3339))),
                        ("symbol", .text(filter.symbol)),
                    ]))
            ),
            (
                "totals",
                .object(
                    JSONText.Object([
                        ("realized_pnl", .decimal(totals.realizedPnL)), ("commission", .decimal(totals.commission)),
                        ("funding", .decimal(totals.funding)), ("net_pnl", .decimal(totals.netPnL)),
                        ("trades", .integer(totals.trades)), ("wins", .integer(totals.wins)),
                        ("losses", .integer(totals.losses)),
                    ]))
            ),
        ]
        for dimension in PnLDimension.allCases {
            pairs.append(
                (
                    "by_" + dimension.rawValue,
                    .array(
                        rows(dimension).map { row in
                            .object(
                                JSONText.Object([
                                    (dimension.rawValue, .text(row.key)), ("realized_pnl", .decimal(row.realizedPnL)),
                                    ("commission", .decimal(row.commission)), ("funding", .decimal(row.funding)),
                                    ("net_pnl", .decimal(row.netPnL)), ("events", .integer(row.events)),
                                ]))
                        })
                ))
        }
        pairs.append(
            (
                "stats",
                .object(
                    JSONText.Object([
                        ("trades", .integer(stats.trades)), ("wins", .integer(stats.wins)),
                        ("losses", .integer(stats.losses)),
                        ("win_rate", .decimal(stats.winRate)), ("profit_factor", .decimal(stats.profitFactor)),
                        ("expectancy", .decimal(stats.expectancy)), ("avg_win", .decimal(stats.averageWin)),
                        ("avg_loss", .decimal(stats.averageLoss)), ("largest_loss", .decimal(stats.largestLoss)),
                        ("max_drawdown", .decimal(stats.maxDrawdown)),
                    ]))
            ))
        return JSONText.encode(JSONText.Object(pairs), pretty: pretty)
    }
}
