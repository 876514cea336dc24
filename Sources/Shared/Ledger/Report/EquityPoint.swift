import FoundationEssentials

/// One point of the equity curve: the cumulative net PnL after a ledger event.
package struct EquityPoint: Sendable, Equatable {
    package var time: Date
    /// Cumulative net PnL since the start of the period.
    package var equity: Decimal

    package init(time: Date, equity: Decimal) {
        self.time = time
        self.equity = equity
    }

    /// The largest fall of the curve from a previous peak; the curve starts at zero, so a
    /// period that only loses has a drawdown equal to its lowest point.
    package static func maxDrawdown(of curve: [EquityPoint]) -> Decimal {
        var peak: Decimal = 0
        var drawdown: Decimal = 0
        for point in curve {
            if point.equity > peak { peak = point.equity }
            if peak - point.equity > drawdown { drawdown = peak - point.equity }
        }
        return drawdown
    }
}
