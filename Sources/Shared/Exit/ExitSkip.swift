/// Why a position got no evaluation this cycle (logged and counted, never silently dropped).
package enum ExitSkip: String, Error, Sendable {
    case notEnoughCandles = "not_enough_candles"
    case noMarkPrice = "no_mark_price"
    case exchangeUnavailable = "exchange_unavailable"
}
