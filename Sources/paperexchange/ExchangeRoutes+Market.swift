import Foundation

extension ExchangeRoutes {
    /// Public market data: ping, time, exchangeInfo, premiumIndex, klines, tickers, depth, funding.
    mutating func addMarketRoutes() {
        let engine = engine
        let symbols = configuration.symbols
        add("GET", "/fapi/v1/ping", security: .none) { _ in .object([]) }
        let faults = faults
        add("GET", "/fapi/v1/time", security: .none) { _ in
            // The admin API's clock skew shows here and in the timestamp window, nowhere else.
            .object([("serverTime", .int(await engine.simulatedNow() + faults.skewMillis))])
        }
        add("GET", "/fapi/v1/exchangeInfo", security: .none) { _ in
            let now = await engine.simulatedNow()
            return Self.exchangeInfo(symbols: symbols, now: now)
        }
        add("GET", "/fapi/v1/premiumIndex", security: .none) { parameters throws(ExchangeRejection) in
            let wanted = parameters.string("symbol")
            if let wanted { _ = try engine.spec(wanted) }
            let summary = await engine.marketSummary()
            let next = summary.rows.first.map { $0.lastFunding + ExchangeEngine.fundingInterval } ?? 0
            let rows: [JSONValue] = summary.rows.filter { wanted == nil || $0.spec.symbol == wanted!.uppercased() }.map
            { row in
                .object([
                    ("symbol", .string(row.spec.symbol)), ("markPrice", .decimal(row.mark, scale: 8)),
                    ("indexPrice", .decimal(row.mark, scale: 8)),
                    ("estimatedSettlePrice", .decimal(row.mark, scale: 8)),
                    ("lastFundingRate", .decimal(row.funding, scale: 8)), ("interestRate", .string("0.00010000")),
                    ("nextFundingTime", .int(next)), ("time", .int(summary.now)),
                ])
            }
            return wanted == nil ? .array(rows) : rows[0]
        }
        add(
            "GET", "/fapi/v1/klines", "/fapi/v1/markPriceKlines", "/fapi/v1/indexPriceKlines", security: .none,
            weight: 5
        ) {
            parameters throws(ExchangeRejection) in
            try await Self.klines(engine: engine, parameters: parameters)
        }
        add("GET", "/fapi/v1/ticker/price", "/fapi/v2/ticker/price", security: .none) {
            parameters throws(ExchangeRejection) in
            try await Self.perSymbol(engine: engine, parameters) { row, now in
                .object([
                    ("symbol", .string(row.spec.symbol)), ("price", .decimal(row.mark, scale: row.spec.priceScale)),
                    ("time", .int(now)),
                ])
            }
        }
        add("GET", "/fapi/v1/ticker/bookTicker", security: .none) { parameters throws(ExchangeRejection) in
            try await Self.perSymbol(engine: engine, parameters) { row, now in
                let p = row.spec.priceScale
                return .object([
                    ("symbol", .string(row.spec.symbol)),
                    ("bidPrice", .decimal(row.mark - row.spec.tickSize, scale: p)),
                    ("bidQty", .string("10")), ("askPrice", .decimal(row.mark + row.spec.tickSize, scale: p)),
                    ("askQty", .string("10")), ("time", .int(now)),
                ])
            }
        }
        add("GET", "/fapi/v1/ticker/24hr", security: .none, weight: 5) { parameters throws(ExchangeRejection) in
            let wanted = parameters.string("symbol")
            let chosen = try wanted.map { (s: String) throws(ExchangeRejection) in [try engine.spec(s)] } ?? symbols
            var rows: [JSONValue] = []
            for spec in chosen {
                let (_, candles) = try await engine.minuteCandles(symbol: spec.symbol)
                rows.append(Self.dayTicker(spec: spec, candles: Array(candles.suffix(1440))))
            }
            return wanted == nil ? .array(rows) : rows[0]
        }
        add("GET", "/fapi/v1/depth", security: .none, weight: 5) { parameters throws(ExchangeRejection) in
            let spec = try engine.spec(parameters.string("symbol"))
            let depth = try Self.limit(parameters, fallback: 500, maximum: 1000)
            let mark = await engine.mark(spec.symbol)
            let now = await engine.simulatedNow()
            let levels = min(depth, 20)
            func side(_ sign: Decimal) -> JSONValue {
                .array(
                    (1...levels).map { i in
                        .array([
                            .decimal(mark + sign * Decimal(i) * spec.tickSize, scale: spec.priceScale), .string("10"),
                        ])
                    })
            }
            return .object([
                ("lastUpdateId", .int(now)), ("E", .int(now)), ("T", .int(now)), ("bids", side(-1)), ("asks", side(1)),
            ])
        }
        add("GET", "/fapi/v1/fundingRate", security: .none) { parameters throws(ExchangeRejection) in
            let wanted = parameters.string("symbol")
            if let wanted { _ = try engine.spec(wanted) }
            let count = try Self.limit(parameters, fallback: 100, maximum: 1000)
            let summary = await engine.marketSummary()
            let rows = summary.rows.filter { wanted == nil || $0.spec.symbol == wanted!.uppercased() }
            let times = Self.fundingTimes(
                last: rows.first?.lastFunding ?? 0, start: try parameters.int64("startTime"),
                end: try parameters.int64("endTime"), count: count)
            // One row per symbol and funding time, oldest first, as Binance lists them.
            let listed: [JSONValue] = times.flatMap { time in
                rows.map { row -> JSONValue in
                    .object([
                        ("symbol", .string(row.spec.symbol)), ("fundingTime", .int(time)),
                        ("fundingRate", .decimal(row.funding, scale: 8)), ("markPrice", .decimal(row.mark, scale: 8)),
                    ])
                }
            }
            let fromStart = try parameters.int64("startTime") != nil
            return .array(fromStart ? Array(listed.prefix(count)) : Array(listed.suffix(count)))
        }
    }

    /// Funding times (every 8 hours, the latest at `last`) for `/fapi/v1/fundingRate`, oldest
    /// first: with `start`, the first `count` at or after it (Binance's `startTime`), else the
    /// latest `count`; never after `end` or `last`, and at most 1000 intervals back.
    static func fundingTimes(last: Int64, start: Int64?, end: Int64?, count: Int) -> [Int64] {
        let interval = ExchangeEngine.fundingInterval
        var newest = last
        if let end, end < last { newest = last - ((last - end + interval - 1) / interval) * interval }
        let earliest = newest - 999 * interval
        guard let start else {
            return (0..<Int64(count)).reversed().map { newest - $0 * interval }.filter { $0 >= earliest }
        }
        guard start <= newest else { return [] }
        let first = max(earliest, newest - ((newest - start) / interval) * interval)
        return Array(stride(from: first, through: newest, by: Int64.Stride(interval)).prefix(count))
    }

    static func exchangeInfo(symbols: [SymbolSpec], now: Int64) -> JSONValue {
        func limit(_ type: String, _ interval: String, _ number: Int, _ value: Int) -> JSONValue {
            .object([
                ("rateLimitType", .string(type)), ("interval", .string(interval)), ("intervalNum", .int(number)),
                ("limit", .int(value)),
            ])
        }
        return .object([
            ("timezone", .string("UTC")), ("serverTime", .int(now)), ("futuresType", .string("U_MARGINED")),
            (
                "rateLimits",
                .array([
                    limit("REQUEST_WEIGHT", "MINUTE", 1, 2400), limit("ORDERS", "MINUTE", 1, 1200),
                    limit("ORDERS", "SECOND", 10, 300),
                ])
            ),
            ("exchangeFilters", .array([])),
            (
                "assets",
                .array([
                    .object([
                        ("asset", .string("USDT")), ("marginAvailable", .bool(true)),
                        ("autoAssetExchange", .string("-10000")),
                    ])
                ])
            ),
            ("symbols", .array(symbols.map(\.exchangeInfoJSON))),
        ])
    }

    static func klines(engine: ExchangeEngine, parameters: RequestParameters) async throws(ExchangeRejection)
        -> JSONValue
    {
        let interval = try KlineInterval(parameters.string("interval"))
        let count = try limit(parameters, fallback: 500, maximum: 1500)
        let start = try parameters.int64("startTime")
        let end = try parameters.int64("endTime")
        let (spec, minutes) = try await engine.minuteCandles(symbol: parameters.string("symbol"))
        var candles = interval.aggregate(minutes)
        if let start { candles.removeAll { $0.openTime + interval.millis - 1 < start } }
        if let end { candles.removeAll { $0.openTime > end } }
        let chosen = start != nil ? Array(candles.prefix(count)) : Array(candles.suffix(count))
        return .array(chosen.map { $0.binanceJSON(spec: spec, intervalMillis: interval.millis) })
    }

    /// One object for `symbol=`, or an array of all symbols.
    static func perSymbol(
        engine: ExchangeEngine, _ parameters: RequestParameters,
        render: (_ row: (spec: SymbolSpec, mark: Decimal, funding: Decimal, lastFunding: Int64), _ now: Int64) ->
            JSONValue
    ) async throws(ExchangeRejection) -> JSONValue {
        let wanted = parameters.string("symbol")
        if let wanted { _ = try engine.spec(wanted) }
        let summary = await engine.marketSummary()
        let rows = summary.rows.filter { wanted == nil || $0.spec.symbol == wanted!.uppercased() }.map {
            render($0, summary.now)
        }
        return wanted == nil ? .array(rows) : rows[0]
    }

    static func dayTicker(spec: SymbolSpec, candles: [Candle]) -> JSONValue {
        let p = spec.priceScale, q = spec.quantityScale
        guard let first = candles.first, let last = candles.last else { return .object([]) }
        let high = candles.map(\.high).max()!, low = candles.map(\.low).min()!
        let volume = candles.reduce(Decimal(0)) { $0 + $1.volume }
        let quote = candles.reduce(Decimal(0)) { $0 + $1.quoteVolume }
        let change = last.close - first.open
        let percent = first.open == 0 ? 0 : change / first.open * 100
        return .object([
            ("symbol", .string(spec.symbol)), ("priceChange", .decimal(change, scale: p)),
            ("priceChangePercent", .decimal(percent, scale: 3)),
            ("weightedAvgPrice", .decimal(volume == 0 ? last.close : quote / volume, scale: p)),
            ("lastPrice", .decimal(last.close, scale: p)), ("lastQty", .decimal(spec.minQty, scale: q)),
            ("openPrice", .decimal(first.open, scale: p)), ("highPrice", .decimal(high, scale: p)),
            ("lowPrice", .decimal(low, scale: p)), ("volume", .decimal(volume, scale: q)),
            ("quoteVolume", .decimal(quote, scale: 2)), ("openTime", .int(first.openTime)),
            ("closeTime", .int(last.openTime + 59_999)), ("firstId", .int(1)),
            ("lastId", .int(Int64(candles.reduce(0) { $0 + $1.trades }))),
            ("count", .int(candles.reduce(0) { $0 + $1.trades })),
        ])
    }
}
