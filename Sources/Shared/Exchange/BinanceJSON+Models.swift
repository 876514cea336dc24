import FoundationEssentials

// Decoders from Binance's JSON into the exchange models (field names as on the wire).

extension ExchangeOrder {
    init(binance json: BinanceJSON) throws(ExchangeError) {
        self.init(
            orderID: try json.int64("orderId"),
            clientOrderID: try json.string("clientOrderId"),
            symbol: try json.string("symbol"),
            side: try json.side("side"),
            type: try json.string("type"),
            status: OrderStatus(rawValue: try json.string("status")),
            originalQuantity: try json.decimal("origQty"),
            executedQuantity: try json.decimal("executedQty"),
            price: try json.optionalDecimal("price") ?? 0,
            averagePrice: try json.optionalDecimal("avgPrice"),
            cumulativeQuote: try json.optionalDecimal("cumQuote"),
            reduceOnly: json.bool("reduceOnly", default: false),
            positionSide: json["positionSide"]?.stringValue ?? "BOTH",
            updateTime: json["updateTime"]?.int64 ?? json["time"]?.int64 ?? 0
        )
    }
}

extension UserTrade {
    init(binance json: BinanceJSON) throws(ExchangeError) {
        self.init(
            id: try json.int64("id"),
            orderID: try json.int64("orderId"),
            symbol: try json.string("symbol"),
            side: try json.side("side"),
            price: try json.decimal("price"),
            quantity: try json.decimal("qty"),
            quoteQuantity: try json.optionalDecimal("quoteQty") ?? 0,
            realizedPnl: try json.optionalDecimal("realizedPnl") ?? 0,
            commission: try json.optionalDecimal("commission") ?? 0,
            commissionAsset: json["commissionAsset"]?.stringValue ?? "",
            maker: json.bool("maker", default: false),
            positionSide: json["positionSide"]?.stringValue ?? "BOTH",
            time: json["time"]?.int64 ?? 0
        )
    }
}

extension PositionRisk {
    init(binance json: BinanceJSON) throws(ExchangeError) {
        self.init(
            symbol: try json.string("symbol"),
            positionSide: json["positionSide"]?.stringValue ?? "BOTH",
            positionAmount: try json.decimal("positionAmt"),
            entryPrice: try json.optionalDecimal("entryPrice") ?? 0,
            breakEvenPrice: try json.optionalDecimal("breakEvenPrice"),
            markPrice: try json.optionalDecimal("markPrice") ?? 0,
            unrealizedProfit: try json.optionalDecimal("unRealizedProfit") ?? 0,
            liquidationPrice: try json.optionalDecimal("liquidationPrice") ?? 0,
            notional: try json.optionalDecimal("notional") ?? 0,
            leverage: json["leverage"]?.int64.map { Int($0) },
            marginType: json["marginType"]?.stringValue,
            updateTime: json["updateTime"]?.int64 ?? 0
        )
    }
}

extension AssetBalance {
    init(binance json: BinanceJSON) throws(ExchangeError) {
        let balance = try json.optionalDecimal("balance")
        let walletBalance = try json.optionalDecimal("walletBalance")
        self.init(
            asset: try json.string("asset"),
            balance: balance ?? walletBalance ?? 0,
            crossWalletBalance: try json.optionalDecimal("crossWalletBalance") ?? 0,
            crossUnrealizedPnl: try json.optionalDecimal("crossUnPnl") ?? 0,
            availableBalance: try json.decimal("availableBalance"),
            maxWithdrawAmount: try json.optionalDecimal("maxWithdrawAmount") ?? 0,
            updateTime: json["updateTime"]?.int64 ?? 0
        )
    }
}

extension MarkPrice {
    init(binance json: BinanceJSON) throws(ExchangeError) {
        self.init(
            symbol: try json.string("symbol"),
            markPrice: try json.decimal("markPrice"),
            indexPrice: try json.optionalDecimal("indexPrice"),
            lastFundingRate: try json.optionalDecimal("lastFundingRate"),
            nextFundingTime: json["nextFundingTime"]?.int64 ?? 0,
            time: json["time"]?.int64 ?? 0
        )
    }
}

extension Kline {
    /// Decodes `[openTime, open, high, low, close, volume, closeTime, quoteVolume, count, takerBase, takerQuote, ignore]`.
    init(binance json: BinanceJSON) throws(ExchangeError) {
        let row = try json.elements()
        guard row.count >= 11 else { throw ExchangeError(.decoding, message: "kline row has \(row.count) fields") }
        func decimal(_ index: Int) throws(ExchangeError) -> Decimal {
            guard let value = row[index].decimal else {
                throw ExchangeError(.decoding, message: "kline field \(index)")
            }
            return value
        }
        func integer(_ index: Int) throws(ExchangeError) -> Int64 {
            guard let value = row[index].int64 else { throw ExchangeError(.decoding, message: "kline field \(index)") }
            return value
        }
        self.init(
            openTime: try integer(0), open: try decimal(1), high: try decimal(2), low: try decimal(3),
            close: try decimal(4), volume: try decimal(5), closeTime: try integer(6), quoteVolume: try decimal(7),
            tradeCount: try integer(8), takerBuyBaseVolume: try decimal(9), takerBuyQuoteVolume: try decimal(10)
        )
    }
}

extension IncomeRecord {
    init(binance json: BinanceJSON) throws(ExchangeError) {
        self.init(
            symbol: json["symbol"]?.stringValue ?? "",
            incomeType: try json.string("incomeType"),
            income: try json.decimal("income"),
            asset: json["asset"]?.stringValue ?? "",
            info: json["info"]?.stringValue ?? "",
            time: try json.int64("time"),
            transactionID: json["tranId"]?.int64 ?? 0,
            tradeID: json["tradeId"]?.stringValue ?? ""
        )
    }
}

extension AlgoOrder {
    init(binance json: BinanceJSON) throws(ExchangeError) {
        self.init(
            algoID: try json.int64("algoId"),
            clientAlgoID: json["clientAlgoId"]?.stringValue ?? "",
            symbol: try json.string("symbol"),
            side: try json.side("side"),
            orderType: json["orderType"]?.stringValue ?? json["type"]?.stringValue ?? "",
            status: json["algoStatus"]?.stringValue ?? "",
            triggerPrice: try json.optionalDecimal("triggerPrice") ?? 0,
            closePosition: json.bool("closePosition", default: false),
            reduceOnly: json.bool("reduceOnly", default: false),
            workingType: json["workingType"]?.stringValue ?? "",
            positionSide: json["positionSide"]?.stringValue ?? "BOTH",
            createTime: json["createTime"]?.int64 ?? 0,
            updateTime: json["updateTime"]?.int64 ?? 0
        )
    }
}

extension LeverageSetting {
    init(binance json: BinanceJSON) throws(ExchangeError) {
        self.init(
            symbol: try json.string("symbol"),
            leverage: Int(try json.int64("leverage")),
            maxNotionalValue: try json.optionalDecimal("maxNotionalValue")
        )
    }
}

extension ExchangeInfo {
    /// Decodes the symbols' filters; unknown filter types and malformed symbols are skipped.
    init(binance json: BinanceJSON) throws(ExchangeError) {
        var symbols: [String: SymbolFilters] = [:]
        for entry in try (json["symbols"] ?? .null).elements() {
            if let filters = try? SymbolFilters(binance: entry) { symbols[filters.symbol] = filters }
        }
        var weight: Int?, orders: Int?
        for limit in json["rateLimits"]?.arrayValue ?? [] where limit["interval"]?.stringValue == "MINUTE" {
            guard limit["intervalNum"]?.int64 == 1, let value = limit["limit"]?.int64 else { continue }
            switch limit["rateLimitType"]?.stringValue {
            case "REQUEST_WEIGHT": weight = Int(value)
            case "ORDERS": orders = Int(value)
            default: break
            }
        }
        self.init(symbols: symbols, requestWeightPerMinute: weight, ordersPerMinute: orders)
    }
}

extension SymbolFilters {
    init(binance json: BinanceJSON) throws(ExchangeError) {
        self.init(
            symbol: try json.string("symbol"),
            status: json["status"]?.stringValue ?? "",
            baseAsset: json["baseAsset"]?.stringValue ?? "",
            quoteAsset: json["quoteAsset"]?.stringValue ?? "",
            lotSize: nil
        )
        for filter in json["filters"]?.arrayValue ?? [] {
            switch filter["filterType"]?.stringValue {
            case "LOT_SIZE":
                lotSize = try LotSize(binance: filter)
            case "MARKET_LOT_SIZE":
                marketLotSize = try LotSize(binance: filter)
            case "PRICE_FILTER":
                priceFilter = PriceFilter(
                    minPrice: try filter.decimal("minPrice"), maxPrice: try filter.decimal("maxPrice"),
                    tickSize: try filter.decimal("tickSize"))
            case "MIN_NOTIONAL":
                let notional = try filter.optionalDecimal("notional")
                let legacy = try filter.optionalDecimal("minNotional")
                minNotional = notional ?? legacy
            default:
                continue
            }
        }
    }
}

extension SymbolFilters.LotSize {
    init(binance filter: BinanceJSON) throws(ExchangeError) {
        self.init(
            minQuantity: try filter.decimal("minQty"), maxQuantity: try filter.decimal("maxQty"),
            stepSize: try filter.decimal("stepSize"))
    }
}
