/// How to name an algo order: Binance's id or our client algo id.
package enum AlgoOrderReference: Sendable, Hashable {
    case algoID(Int64)
    case clientAlgoID(String)
}
