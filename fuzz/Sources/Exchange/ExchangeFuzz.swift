import Foundation

/// libFuzzer entry over the Binance response parser and model decoders (see docs/fuzzing.md).
///
/// The first byte picks the HTTP status the body is treated as coming with; the rest is the
/// response: when it holds a `0x00`, the bytes before it are the `Retry-After` header value and
/// the bytes after it the body, otherwise all of it is the body (raw bytes, any encoding).
/// Every 2xx model decoder and the error-body mapping run on it.
@_cdecl("LLVMFuzzerTestOneInput")
public func exchangeFuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let (mode, rest) = FuzzFraming.split(bytes)
    var headers: [String: String] = [:]
    var body = Array(rest)
    if let zero = rest.firstIndex(of: 0) {
        headers["retry-after"] = FuzzFraming.text(rest[rest.startIndex..<zero])
        body = Array(rest[(zero + 1)...])
    }
    ExchangeFuzz.run(
        status: ExchangeFuzz.statuses[Int(mode) % ExchangeFuzz.statuses.count], headers: headers, body: body)
    return 0
}

/// What one input is run through.
enum ExchangeFuzz {
    static let statuses = [200, 400, 401, 403, 404, 408, 418, 429, 500, 502, 503, 504]
    static let endpoints: [BinanceEndpoint] = [
        .newOrder, .cancelOrder, .queryOrder, .positionRisk, .leverage, .exchangeInfo,
    ]
    static let policy = BinanceRetryPolicy(
        maxAttempts: 3, initialBackoff: .milliseconds(100), maxBackoff: .seconds(5), maxRetryAfter: .seconds(60))

    static func run(status: Int, headers: [String: String], body: [UInt8]) {
        if status != 200 {
            for endpoint in endpoints {
                let failure = BinanceRetryPolicy.failure(
                    status: status, headers: headers, body: body, endpoint: endpoint)
                _ = (failure.description, failure.resultCode, failure.isBinance(-2022))
                for attempt in 1...3 { _ = policy.afterFailure(failure, endpoint: endpoint, attempt: attempt) }
            }
            return
        }
        guard let json = try? BinanceJSON.parse(body) else { return }
        decodeModels(json)
        if let rows = json.arrayValue {
            // As the client's decodeAll: every element (userTrades are then summed).
            for row in rows { decodeModels(row) }
            let trades = rows.compactMap { try? UserTrade(binance: $0) }
            let fills = OrderFills(trades: trades)
            _ = (fills.quantity, fills.averagePrice, fills.commission)
        }
        if let orders = json["orders"]?.arrayValue {
            for row in orders { _ = try? AlgoOrder(binance: row) }
        }
        if let info = try? ExchangeInfo(binance: json) {
            for filters in info.symbols.values.prefix(64) { exerciseFilters(filters) }
        }
        if let filters = try? SymbolFilters(binance: json) { exerciseFilters(filters) }
        // Scalar accessors on every member (ids, times, decimals).
        if case .object(let members) = json {
            for (_, value) in members.prefix(32) { _ = (value.decimal, value.int64, value.bool) }
        }
    }

    static func decodeModels(_ json: BinanceJSON) {
        if let order = try? ExchangeOrder(binance: json) { _ = order.status.isFinal }
        if let position = try? PositionRisk(binance: json) { _ = position.closingSide }
        _ = try? UserTrade(binance: json)
        _ = try? AssetBalance(binance: json)
        _ = try? MarkPrice(binance: json)
        _ = try? Kline(binance: json)
        _ = try? IncomeRecord(binance: json)
        _ = try? AlgoOrder(binance: json)
        _ = try? LeverageSetting(binance: json)
        _ = try? json.int64("serverTime")
    }

    /// The order path's use of decoded filters: rounding, bounds checks and formatting.
    static func exerciseFilters(_ filters: SymbolFilters) {
        let quantities =
            [Decimal(string: "0.0123456789")!, Decimal(1), Decimal(string: "98765.4321")!]
            + [filters.lotSize?.minQuantity, filters.lotSize?.maxQuantity, filters.lotSize?.stepSize].compactMap { $0 }
        for quantity in quantities {
            for type in [OrderType.market, .limit] {
                _ = filters.roundDown(quantity, type: type)
                _ = try? filters.prepareQuantity(
                    quantity, type: type, referencePrice: Decimal(60000), reduceOnly: false)
                _ = try? filters.prepareQuantity(
                    quantity, type: type, referencePrice: nil, reduceOnly: true, capToMaximum: true)
                _ = filters.formatQuantity(quantity, type: type)
            }
            _ = filters.roundPrice(quantity)
            _ = filters.roundPrice(quantity, up: true)
            _ = filters.formatPrice(quantity)
        }
    }
}
