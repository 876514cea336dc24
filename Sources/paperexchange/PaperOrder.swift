import Foundation

/// An order on the paper exchange. MARKET orders fill at once, so they are FILLED when stored;
/// LIMIT orders rest (NEW) until the mark reaches their price; orders created by a triggered
/// algo order carry its type in `origType`.
struct PaperOrder: Sendable, Codable, Equatable {
    var orderId: Int64
    var symbol: String
    var clientOrderId: String
    var side: TradeSide
    var type: String = "MARKET"
    var origType: String = "MARKET"
    var origQty: Decimal
    var executedQty: Decimal = 0
    var cumQuote: Decimal = 0
    var avgPrice: Decimal = 0
    var status: String = "NEW"
    var reduceOnly: Bool = false
    var closePosition: Bool = false
    var stopPrice: Decimal = 0
    /// Limit price; 0 for MARKET.
    var price: Decimal = 0
    var timeInForce: String = "GTC"
    var time: Int64
    var updateTime: Int64

    var isOpen: Bool { status == "NEW" || status == "PARTIALLY_FILLED" }
}
