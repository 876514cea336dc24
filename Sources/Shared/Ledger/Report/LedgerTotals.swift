import FoundationEssentials

/// Realized PnL, fees and funding over a period, with the closed round trips' count.
///
/// Net PnL = realized PnL − commission + funding. Commission is a positive cost; funding is signed
/// as the exchange pays it (negative when paid).
package struct LedgerTotals: Sendable, Equatable {
    package var realizedPnL: Decimal
    package var commission: Decimal
    package var funding: Decimal
    /// Round trips closed in the period.
    package var trades: Int
    /// Closed round trips with a net PnL above zero.
    package var wins: Int
    /// Closed round trips with a net PnL of zero or below.
    package var losses: Int

    package init(
        realizedPnL: Decimal = 0, commission: Decimal = 0, funding: Decimal = 0, trades: Int = 0, wins: Int = 0,
        losses: Int = 0
    ) {
        self.realizedPnL = realizedPnL
        self.commission = commission
        self.funding = funding
        self.trades = trades
        self.wins = wins
        self.losses = losses
    }

    package var netPnL: Decimal { realizedPnL - commission + funding }
}
