import Foundation

/// One fill, as `GET /fapi/v1/userTrades` reports it. `realizedPnl` is before fees;
/// `commission` is positive (a cost) in USDT.
struct PaperTrade: Sendable, Codable, Equatable {
    var id: Int64
    var orderId: Int64
    var symbol: String
    var side: TradeSide
    var price: Decimal
    var qty: Decimal
    var quoteQty: Decimal
    var realizedPnl: Decimal
    var commission: Decimal
    /// Whether this fill rested on the book (LIMIT orders filled later pay the maker fee).
    var maker: Bool
    var time: Int64
}
