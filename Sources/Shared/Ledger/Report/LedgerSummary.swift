import FoundationEssentials

/// Everything `harvestbrain report` shows for one period: totals, breakdowns, trade statistics
/// and the equity curve.
package struct LedgerSummary: Sendable, Equatable {
    package var filter: ReportFilter
    package var totals: LedgerTotals
    package var byDay: [PnLRow]
    package var byWeek: [PnLRow]
    package var byMonth: [PnLRow]
    package var bySymbol: [PnLRow]
    package var byExitReason: [PnLRow]
    package var bySource: [PnLRow]
    package var stats: TradeStats
    /// Cumulative net PnL after each ledger event, in time order.
    package var equity: [EquityPoint]

    package init(
        filter: ReportFilter, totals: LedgerTotals, byDay: [PnLRow], byWeek: [PnLRow], byMonth: [PnLRow],
        bySymbol: [PnLRow], byExitReason: [PnLRow], bySource: [PnLRow], stats: TradeStats, equity: [EquityPoint]
    ) {
        self.filter = filter
        self.totals = totals
        self.byDay = byDay
        self.byWeek = byWeek
        self.byMonth = byMonth
        self.bySymbol = bySymbol
        self.byExitReason = byExitReason
        self.bySource = bySource
        self.stats = stats
        self.equity = equity
    }

    /// The breakdown for `dimension`.
    package func rows(_ dimension: PnLDimension) -> [PnLRow] {
        switch dimension {
        case .day: byDay
        case .week: byWeek
        case .month: byMonth
        case .symbol: bySymbol
        case .exitReason: byExitReason
        case .source: bySource
        }
    }
}
