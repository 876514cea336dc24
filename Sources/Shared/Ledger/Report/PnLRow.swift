import FoundationEssentials

/// One group of a PnL breakdown: a day, a symbol, an exit reason, ….
package struct PnLRow: Sendable, Equatable {
    /// The group: `2026-11-25`, `2026-11`, `BTCUSDT`, `kill_score`, `exitbrain`, ….
    package var key: String
    package var realizedPnL: Decimal
    package var commission: Decimal
    package var funding: Decimal
    /// Ledger events (orders and funding payments) in the group.
    package var events: Int

    package init(key: String, realizedPnL: Decimal, commission: Decimal, funding: Decimal, events: Int) {
        self.key = key
        self.realizedPnL = realizedPnL
        self.commission = commission
        self.funding = funding
        self.events = events
    }

    /// Realized PnL − commission + funding.
    package var netPnL: Decimal { realizedPnL - commission + funding }
}
