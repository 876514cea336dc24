/// Order side.
package enum OrderSide: String, Sendable, Hashable {
    case buy = "BUY"
    case sell = "SELL"

    /// The side that reduces a position opened on this side.
    package var opposite: OrderSide { self == .buy ? .sell : .buy }
}
