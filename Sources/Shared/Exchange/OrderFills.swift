import FoundationEssentials

/// The fills of one order summed from its ``UserTrade``s: what a result reports.
package struct OrderFills: Sendable, Hashable {
    /// Σ qty.
    package var quantity: Decimal
    /// Σ(price·qty) / Σ qty, rounded half-up to 8 decimals; 0 when nothing filled.
    package var averagePrice: Decimal
    /// Σ realizedPnl (pre-fee).
    package var realizedPnl: Decimal
    /// Σ commission in ``commissionAsset``.
    package var commission: Decimal
    /// The asset of the commission: the single asset of all fills, or the one with the largest
    /// total when fills were charged in several (see ``commissionByAsset``); "" with no fills.
    package var commissionAsset: String
    /// Σ commission per asset.
    package var commissionByAsset: [String: Decimal]
    /// Trade ids summed, in order.
    package var tradeIDs: [Int64]

    /// Sums `trades` (typically all trades of one order).
    package init(trades: [UserTrade]) {
        var quantity = Decimal(0), notional = Decimal(0), pnl = Decimal(0)
        var byAsset: [String: Decimal] = [:]
        for trade in trades {
            quantity += trade.quantity
            notional += trade.price * trade.quantity
            pnl += trade.realizedPnl
            byAsset[trade.commissionAsset, default: 0] += trade.commission
        }
        let average = quantity > 0 ? (notional / quantity).rounded(scale: 8, .plain) : 0
        let asset = byAsset.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? ""
        self.quantity = quantity
        self.averagePrice = average
        self.realizedPnl = pnl
        self.commission = byAsset[asset] ?? 0
        self.commissionAsset = asset
        self.commissionByAsset = byAsset
        self.tradeIDs = trades.map(\.id)
    }
}
