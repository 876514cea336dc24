/// How to name an existing order: Binance's id or our client order id.
package enum OrderReference: Sendable, Hashable {
    case orderID(Int64)
    case clientOrderID(String)
}
