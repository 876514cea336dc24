import Foundation

/// BUY or SELL, with the sign it gives a position change.
enum TradeSide: String, Sendable, Codable {
    case buy = "BUY"
    case sell = "SELL"

    /// +1 for BUY, −1 for SELL.
    var sign: Decimal { self == .buy ? 1 : -1 }

    var opposite: TradeSide { self == .buy ? .sell : .buy }
}
