/// An order's status as Binance reports it; unknown values are kept, not rejected.
package struct OrderStatus: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    package let rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }

    package static let new = OrderStatus(rawValue: "NEW")
    package static let partiallyFilled = OrderStatus(rawValue: "PARTIALLY_FILLED")
    package static let filled = OrderStatus(rawValue: "FILLED")
    package static let canceled = OrderStatus(rawValue: "CANCELED")
    package static let rejected = OrderStatus(rawValue: "REJECTED")
    package static let expired = OrderStatus(rawValue: "EXPIRED")
    package static let expiredInMatch = OrderStatus(rawValue: "EXPIRED_IN_MATCH")

    /// True when the order can no longer change.
    package var isFinal: Bool {
        [.filled, .canceled, .rejected, .expired, .expiredInMatch].contains(self)
    }

    package var description: String { rawValue }
}
