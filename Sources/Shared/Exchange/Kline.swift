import FoundationEssentials

/// One candle (`GET /fapi/v1/klines`).
///
/// - Important: the last candle of a response without `endTime` is still open; drop it for
///   closes and ATR.
package struct Kline: Sendable, Hashable {
    /// ms since the epoch.
    package var openTime: Int64
    package var open: Decimal
    package var high: Decimal
    package var low: Decimal
    package var close: Decimal
    package var volume: Decimal
    /// ms since the epoch (inclusive end, e.g. openTime + 59 999 for 1m).
    package var closeTime: Int64
    package var quoteVolume: Decimal
    package var tradeCount: Int64
    package var takerBuyBaseVolume: Decimal
    package var takerBuyQuoteVolume: Decimal

    package init(
        openTime: Int64, open: Decimal, high: Decimal, low: Decimal, close: Decimal, volume: Decimal,
        closeTime: Int64, quoteVolume: Decimal = 0, tradeCount: Int64 = 0,
        takerBuyBaseVolume: Decimal = 0, takerBuyQuoteVolume: Decimal = 0
    ) {
        self.openTime = openTime
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.closeTime = closeTime
        self.quoteVolume = quoteVolume
        self.tradeCount = tradeCount
        self.takerBuyBaseVolume = takerBuyBaseVolume
        self.takerBuyQuoteVolume = takerBuyQuoteVolume
    }
}
