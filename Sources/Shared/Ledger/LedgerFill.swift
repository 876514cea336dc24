import FoundationEssentials

/// An executed order with its fills summed, as a result reports it. Money and quantities are `Decimal`.
package struct LedgerFill: Sendable, Equatable {
    /// Order side on the exchange.
    package enum Side: String, Sendable { case buy = "BUY", sell = "SELL" }

    package var exchange: String
    package var symbol: String
    package var orderID: String?
    package var clientOrderID: String?
    package var planID: String?
    package var side: Side
    package var reduceOnly: Bool
    package var action: String?
    package var status: String?
    /// Filled base quantity, > 0.
    package var quantity: Decimal
    /// Average fill price; 0 when the producer did not report it (then ``pnlReported`` is false).
    package var averagePrice: Decimal
    package var realizedPnL: Decimal
    /// Fees paid, as a positive cost.
    package var commission: Decimal
    package var commissionAsset: String?
    /// False when the result lacked realized PnL or the average price (older Python producers).
    package var pnlReported: Bool
    package var killScore: Double?
    package var reasonCodes: String?
    package var planSource: String?
    /// |qty| × ATR × volatility factor of the entry, when known: the R unit of the round trip.
    package var entryRiskUSDT: Decimal?
    package var executedAt: Date

    package init(
        exchange: String = "binance_usdm", symbol: String, orderID: String?, clientOrderID: String? = nil,
        planID: String?, side: Side, reduceOnly: Bool, action: String? = nil, status: String? = nil,
        quantity: Decimal, averagePrice: Decimal, realizedPnL: Decimal = 0, commission: Decimal = 0,
        commissionAsset: String? = nil, pnlReported: Bool = true, killScore: Double? = nil, reasonCodes: String? = nil,
        planSource: String? = nil, entryRiskUSDT: Decimal? = nil, executedAt: Date
    ) {
        self.exchange = exchange
        self.symbol = symbol
        self.orderID = orderID
        self.clientOrderID = clientOrderID
        self.planID = planID
        self.side = side
        self.reduceOnly = reduceOnly
        self.action = action
        self.status = status
        self.quantity = quantity
        self.averagePrice = averagePrice
        self.realizedPnL = realizedPnL
        self.commission = commission
        self.commissionAsset = commissionAsset
        self.pnlReported = pnlReported
        self.killScore = killScore
        self.reasonCodes = reasonCodes
        self.planSource = planSource
        self.entryRiskUSDT = entryRiskUSDT
        self.executedAt = executedAt
    }

    /// Why a reducing order closed (part of) a position: `kill_score`, `ladder`, `stop`, `manual`
    /// or `other`; `nil` for an entry. Codes, action and source are matched ignoring ASCII case
    /// (``ASCIICaseInsensitive``): harvestbrain asks this of every fill it books, so it allocates nothing.
    package var exitReason: String? {
        typealias Match = ASCIICaseInsensitive
        guard reduceOnly else { return nil }
        if Match.contains(reasonCodes, "kill_score") { return "kill_score" }
        if Match.hasPrefix(action, "PARTIAL_") || Match.contains(reasonCodes, "harvest_partial") { return "ladder" }
        if Match.contains(action, "STOP") || Match.equals(action, "UPDATE_SL") || Match.contains(reasonCodes, "stop") {
            return "stop"
        }
        if Match.equals(planSource, "operator") || Match.equals(planSource, "manual") || Match.equals(planSource, "cli")
            || Match.equals(planSource, "applylayer_propose")
        {
            return "manual"
        }
        return "other"
    }
}
