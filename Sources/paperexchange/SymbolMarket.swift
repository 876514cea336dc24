import Foundation

/// The simulated market of one symbol: its price process, advanced one simulated second at a
/// time, and the one-minute candles it has produced (the last one still open).
struct SymbolMarket: Sendable {
    let spec: SymbolSpec
    private(set) var process: PriceProcess
    /// A klines file played instead of the process until it runs out.
    private var replay: KlineReplay?
    /// Closed one-minute candles, oldest first.
    private(set) var candles: [Candle] = []
    /// The simulated second the process stands at.
    private(set) var second: Int64
    /// The last price ``currentMark()`` converted, and its mark.
    private var markCache: (price: Double, mark: Decimal)?
    private var open:
        (
            time: Int64, o: Double, h: Double, l: Double, c: Double, volume: Double, quote: Double, takerBuy: Double,
            trades: Int
        )

    /// How many closed candles are kept (about 20 days of minutes).
    static let retainedCandles = 30_000

    /// A market whose history of `historyMinutes` closed candles ends at simulated `nowMillis`.
    /// With `endPrice`, the whole history is scaled so that the current price equals it.
    /// With `replay`, prices come from the file (from the start of the history) until it ends,
    /// then the seeded process carries on from its last close.
    init(
        spec: SymbolSpec, seed: UInt64, nowMillis: Int64, historyMinutes: Int, endPrice: Decimal? = nil,
        replay: KlineReplay? = nil
    ) {
        self.spec = spec
        var replay = replay
        // The first second of the history is the file's first open.
        let startPrice = replay?.next()?.price ?? spec.startPrice
        self.replay = replay
        process = PriceProcess(startPrice: startPrice, annualVolatility: spec.annualVolatility, seed: seed)
        let nowSecond = nowMillis / 1000
        let start = (nowSecond / 60 - Int64(historyMinutes)) * 60
        second = start
        let p = process.price
        open = (start * 1000, p, p, p, p, 0, 0, 0, 0)
        while second < nowSecond { _ = stepSecond() }
        if replay == nil, let endPrice, endPrice > 0 {
            rescale(by: endPrice.doubleValue / process.price)
        }
    }

    /// The mark price: the process price on the tick.
    var mark: Decimal { quantize(process.price) }

    /// ``mark``, converted once per price (a Double to Decimal conversion and a division).
    mutating func currentMark() -> Decimal {
        if let cached = markCache, cached.price == process.price { return cached.mark }
        let mark = quantize(process.price)
        markCache = (process.price, mark)
        return mark
    }

    /// The price at simulated `second`, as a Double (for trigger checks).
    var rawPrice: Double { process.price }

    /// Advances one simulated second; returns the new raw price.
    @discardableResult
    mutating func stepSecond() -> Double {
        second += 1
        let price: Double
        let replayVolume: Double?
        if let tick = replay?.next() {
            price = tick.price
            replayVolume = tick.volume
            process.jump(to: price)
        } else {
            replay = nil
            replayVolume = nil
            price = process.step()
        }
        let minuteStart = (second / 60) * 60 * 1000
        if minuteStart != open.time { closeCandle(nextOpen: minuteStart, price: price) }
        let notional =
            replayVolume.map { $0 * price } ?? 40_000 * (0.3 + process.noise()) * process.regime.volatilityMultiplier
        open.h = max(open.h, price)
        open.l = min(open.l, price)
        open.c = price
        open.volume += notional / price
        open.quote += notional
        open.takerBuy += notional / price * process.noise()
        open.trades += 1 + Int(process.noise() * 30)
        return price
    }

    /// Sets the price now (admin); the open candle's range widens to include it.
    mutating func setPrice(_ price: Decimal) {
        let p = price.doubleValue
        process.jump(to: p)
        open.h = max(open.h, p)
        open.l = min(open.l, p)
        open.c = p
    }

    /// The open (unfinished) candle.
    var openCandle: Candle { makeCandle() }

    /// The price-relevant regime, for the funding rate.
    var regime: MarketRegime { process.regime }

    private mutating func closeCandle(nextOpen: Int64, price: Double) {
        candles.append(makeCandle())
        if candles.count > Self.retainedCandles + 1000 {
            candles.removeFirst(candles.count - Self.retainedCandles)
        }
        open = (nextOpen, price, price, price, price, 0, 0, 0, 0)
    }

    private func makeCandle() -> Candle {
        let step = spec.stepSize
        let volume = Decimal(open.volume).rounded(toMultipleOf: step, .down)
        let taker = Decimal(min(open.takerBuy, open.volume)).rounded(toMultipleOf: step, .down)
        return Candle(
            openTime: open.time, open: quantize(open.o), high: quantize(open.h), low: quantize(open.l),
            close: quantize(open.c), volume: volume, quoteVolume: Decimal(open.quote).rounded(scale: 5),
            trades: open.trades, takerBuyVolume: taker,
            takerBuyQuoteVolume: Decimal(open.quote * (open.volume > 0 ? min(open.takerBuy / open.volume, 1) : 0))
                .rounded(scale: 5))
    }

    private mutating func rescale(by ratio: Double) {
        guard ratio.isFinite, ratio > 0 else { return }
        process.rescale(by: ratio)
        let r = Decimal(ratio)
        candles = candles.map { c in
            var c = c
            c.open = (c.open * r).rounded(toMultipleOf: spec.tickSize)
            c.high = (c.high * r).rounded(toMultipleOf: spec.tickSize)
            c.low = (c.low * r).rounded(toMultipleOf: spec.tickSize)
            c.close = (c.close * r).rounded(toMultipleOf: spec.tickSize)
            return c
        }
        open.o *= ratio; open.h *= ratio; open.l *= ratio; open.c *= ratio
    }

    /// A raw price on the tick as Decimal, never below one tick.
    func quantize(_ price: Double) -> Decimal {
        let tick = spec.tickSize
        let value = Decimal(price).rounded(toMultipleOf: tick)
        return max(value, tick)
    }
}
