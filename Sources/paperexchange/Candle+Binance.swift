import Foundation

extension Candle {
    /// A kline row: [openTime, o, h, l, c, volume, closeTime, quoteVolume, trades,
    /// takerBuyBase, takerBuyQuote, "0"].
    func binanceJSON(spec: SymbolSpec, intervalMillis: Int64) -> JSONValue {
        let p = spec.priceScale, q = spec.quantityScale
        return .array([
            .int(openTime), .decimal(open, scale: p), .decimal(high, scale: p), .decimal(low, scale: p),
            .decimal(close, scale: p), .decimal(volume, scale: q), .int(closeTime(intervalMillis: intervalMillis)),
            .decimal(quoteVolume, scale: 5), .int(trades), .decimal(takerBuyVolume, scale: q),
            .decimal(takerBuyQuoteVolume, scale: 5), .string("0"),
        ])
    }
}
