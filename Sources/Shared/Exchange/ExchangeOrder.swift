import FoundationEssentials

/// An order as Binance returns it from new / query / cancel order.
///
/// - Important: `avgPrice` and `cumQuote` are optional: since 2026-07 Binance may omit them from
///   new-order and cancel responses. Fills come from ``UserTrade``s (see ``OrderFills``).
package struct ExchangeOrder: Sendable, Hashable {
    package var orderID: Int64
    package var clientOrderID: String
    package var symbol: String
    package var side: OrderSide
    /// `MARKET`, `LIMIT`, … as sent.
    package var type: String
    package var status: OrderStatus
    package var originalQuantity: Decimal
    package var executedQuantity: Decimal
    package var price: Decimal
    package var averagePrice: Decimal?
    package var cumulativeQuote: Decimal?
    package var reduceOnly: Bool
    package var positionSide: String
    /// Last update, ms since the epoch (0 when absent).
    package var updateTime: Int64

    package init(
        orderID: Int64, clientOrderID: String, symbol: String, side: OrderSide, type: String,
        status: OrderStatus, originalQuantity: Decimal, executedQuantity: Decimal, price: Decimal = 0,
        averagePrice: Decimal? = nil, cumulativeQuote: Decimal? = nil, reduceOnly: Bool = false,
        positionSide: String = "BOTH", updateTime: Int64 = 0
    ) {
        self.orderID = orderID
        self.clientOrderID = clientOrderID
        self.symbol = symbol
        self.side = side
        self.type = type
        self.status = status
        self.originalQuantity = originalQuantity
        self.executedQuantity = executedQuantity
        self.price = price
        self.averagePrice = averagePrice
        self.cumulativeQuote = cumulativeQuote
        self.reduceOnly = reduceOnly
        self.positionSide = positionSide
        self.updateTime = updateTime
    }
}
