import FoundationEssentials

/// Trade statistics over closed round trips (net PnL = gross − fees + funding per round trip).
///
/// Ratios and averages are rounded to 8 decimal places; a figure with no data (no losses for the
/// profit factor, no trades for the win rate) is `nil`.
package struct TradeStats: Sendable, Equatable {
    package var trades: Int
    package var wins: Int
    /// Round trips with a net PnL of zero or below.
    package var losses: Int
    /// wins / trades.
    package var winRate: Decimal?
    /// Sum of winning net PnL / |sum of losing net PnL|.
    package var profitFactor: Decimal?
    /// Mean net PnL per round trip.
    package var expectancy: Decimal?
    package var averageWin: Decimal?
    /// Mean net PnL of the losing round trips (zero or negative).
    package var averageLoss: Decimal?
    /// The most negative round trip; `nil` when none lost money.
    package var largestLoss: Decimal?
    /// Largest fall of the cumulative net PnL curve (see ``EquityPoint/maxDrawdown(of:)``).
    package var maxDrawdown: Decimal

    /// Places kept on ratios and averages.
    package static let scale = 8

    /// Computes the statistics from the closed round trips' net PnL and the period's equity curve.
    package init(roundTripNets nets: [Decimal], maxDrawdown: Decimal) {
        let winners = nets.filter { $0 > 0 }
        let losers = nets.filter { $0 <= 0 }
        let grossWin = winners.reduce(0, +)
        let grossLoss = -nets.filter { $0 < 0 }.reduce(0, +)
        func ratio(_ numerator: Decimal, _ denominator: Decimal) -> Decimal? {
            denominator.isZero ? nil : LedgerDecimal.rounded(numerator / denominator, scale: Self.scale)
        }
        trades = nets.count
        wins = winners.count
        losses = losers.count
        winRate = ratio(Decimal(winners.count), Decimal(nets.count))
        profitFactor = ratio(grossWin, grossLoss)
        expectancy = ratio(nets.reduce(0, +), Decimal(nets.count))
        averageWin = ratio(grossWin, Decimal(winners.count))
        averageLoss = ratio(losers.reduce(0, +), Decimal(losers.count))
        largestLoss = nets.filter { $0 < 0 }.min()
        self.maxDrawdown = maxDrawdown
    }
}
