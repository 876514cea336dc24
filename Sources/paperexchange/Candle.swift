import Foundation

/// One one-minute candle of a simulated market, with prices already on the tick.
struct Candle: Sendable, Codable, Equatable {
    /// Open time in simulated milliseconds since the epoch.
    var openTime: Int64
    var open: Decimal
    var high: Decimal
    var low: Decimal
    var close: Decimal
    /// Base-asset volume.
    var volume: Decimal
    /// Quote-asset volume.
    var quoteVolume: Decimal
    var trades: Int
    /// Taker-buy base volume.
    var takerBuyVolume: Decimal
    /// Taker-buy quote volume.
    var takerBuyQuoteVolume: Decimal

    /// Close time as Binance reports it: the last millisecond of the interval.
    func closeTime(intervalMillis: Int64) -> Int64 { openTime + intervalMillis - 1 }

    /// A candle covering `candles` (non-empty, in order), opening at `openTime`.
    static func merge(_ candles: ArraySlice<Candle>, openTime: Int64) -> Candle {
        let first = candles.first!
        var merged = first
        merged.openTime = openTime
        for c in candles.dropFirst() {
            merged.high = max(merged.high, c.high)
            merged.low = min(merged.low, c.low)
            merged.close = c.close
            merged.volume += c.volume
            merged.quoteVolume += c.quoteVolume
            merged.trades += c.trades
            merged.takerBuyVolume += c.takerBuyVolume
            merged.takerBuyQuoteVolume += c.takerBuyQuoteVolume
        }
        return merged
    }
}
