import FoundationEssentials

/// One fill of an order (`GET /fapi/v1/userTrades`).
///
/// `realizedPnl` is before fees; `commission` is the fee of this fill (positive is a cost).
package struct UserTrade: Sendable, Hashable {
    package var id: Int64
    package var orderID: Int64
    package var symbol: String
    package var side: OrderSide
    package var price: Decimal
    package var quantity: Decimal
    package var quoteQuantity: Decimal
    package var realizedPnl: Decimal
    package var commission: Decimal
    package var commissionAsset: String
    package var maker: Bool
    package var positionSide: String
    /// ms since the epoch.
    package var time: Int64

    package init(
        id: Int64, orderID: Int64, symbol: String, side: OrderSide, price: Decimal, quantity: Decimal,
        quoteQuantity: Decimal, realizedPnl: Decimal, commission: Decimal, commissionAsset: String,
        maker: Bool = false, positionSide: String = "BOTH", time: Int64 = 0
    ) {
        self.id = id
        self.orderID = orderID
        self.symbol = symbol
        self.side = side
        self.price = price
        self.quantity = quantity
        self.quoteQuantity = quoteQuantity
        self.realizedPnl = realizedPnl
        self.commission = commission
        self.commissionAsset = commissionAsset
        self.maker = maker
        self.positionSide = positionSide
        self.time = time
    }
}
