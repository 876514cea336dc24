/// An order that reached the exchange, with its fills confirmed from userTrades.
package struct PlacedOrder: Sendable, Hashable {
    /// How the order was obtained.
    package enum Origin: Sendable, Hashable {
        /// This call sent it and got the answer.
        case placed
        /// It already existed (a redelivered plan, a lost response, or `-4116`) and was found by
        /// its client order id; nothing was sent twice.
        case recovered
    }

    package var order: ExchangeOrder
    /// Sums over the order's trades; zero when nothing filled.
    package var fills: OrderFills
    package var origin: Origin

    package init(order: ExchangeOrder, fills: OrderFills, origin: Origin) {
        self.order = order
        self.fills = fills
        self.origin = origin
    }
}
