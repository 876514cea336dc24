import FoundationEssentials

extension BinanceFuturesClient {
    package func serverTime() async throws(ExchangeError) -> Int64 {
        try await call(.time).int64("serverTime")
    }

    package func exchangeInfo() async throws(ExchangeError) -> ExchangeInfo {
        if let cached = await state.exchangeInfo(maxAge: configuration.exchangeInfoTTL) { return cached }
        let info = try ExchangeInfo(binance: try await call(.exchangeInfo))
        await state.store(info)
        return info
    }

    package func symbolFilters(_ symbol: String) async throws(ExchangeError) -> SymbolFilters {
        if let filters = try await exchangeInfo().symbols[symbol] { return filters }
        // A symbol listed since the cache was filled: refresh once.
        let fresh = try ExchangeInfo(binance: try await call(.exchangeInfo))
        await state.store(fresh)
        guard let filters = fresh.symbols[symbol] else {
            throw ExchangeError(
                .api, binanceCode: -1121, message: "Invalid symbol.", endpoint: BinanceEndpoint.exchangeInfo.label)
        }
        return filters
    }

    package func markPrice(symbol: String) async throws(ExchangeError) -> MarkPrice {
        try MarkPrice(binance: try await call(.premiumIndex, [("symbol", symbol)]))
    }

    package func klines(
        symbol: String, interval: String, limit: Int, startTime: Int64? = nil, endTime: Int64? = nil
    ) async throws(ExchangeError) -> [Kline] {
        var params = [("symbol", symbol), ("interval", interval), ("limit", String(limit))]
        if let startTime { params.append(("startTime", String(startTime))) }
        if let endTime { params.append(("endTime", String(endTime))) }
        return try decodeAll(try await call(.klines, params), Kline.init(binance:))
    }

    package func positions(symbol: String? = nil) async throws(ExchangeError) -> [PositionRisk] {
        let json = try await call(.positionRisk, symbol.map { [("symbol", $0)] } ?? [])
        return try decodeAll(json, PositionRisk.init(binance:))
    }

    package func balances() async throws(ExchangeError) -> [AssetBalance] {
        try decodeAll(try await call(.balance), AssetBalance.init(binance:))
    }

    package func setLeverage(symbol: String, leverage: Int) async throws(ExchangeError) -> LeverageSetting {
        try LeverageSetting(binance: try await call(.leverage, [("symbol", symbol), ("leverage", String(leverage))]))
    }

    package func newOrder(_ order: NewOrder) async throws(ExchangeError) -> ExchangeOrder {
        guard ClientOrderID.isValid(order.clientOrderID) else {
            throw ExchangeError(.invalidOrder, binanceCode: -4015, message: "client order id is not valid")
        }
        var params = [("symbol", order.symbol), ("side", order.side.rawValue), ("type", order.type.rawValue)]
        if let positionSide = order.positionSide { params.append(("positionSide", positionSide)) }
        params.append(("quantity", DecimalText.plain(order.quantity)))
        if order.type == .limit {
            guard let price = order.price else {
                throw ExchangeError(.invalidOrder, binanceCode: -1102, message: "a LIMIT order needs a price")
            }
            params.append(("price", DecimalText.plain(price)))
            params.append(("timeInForce", order.timeInForce ?? "GTC"))
        }
        if order.reduceOnly { params.append(("reduceOnly", "true")) }
        params.append(("newClientOrderId", order.clientOrderID))
        params.append(("newOrderRespType", "RESULT"))
        let placed = try Self.accepted(.newOrder, try await call(.newOrder, params), ExchangeOrder.init(binance:))
        logger.info(
            "exchange order placed",
            metadata: [
                "symbol": "\(placed.symbol)", "order.id": "\(placed.orderID)",
                "client_order_id": "\(placed.clientOrderID)",
                "status": "\(placed.status)", "executed_qty": "\(placed.executedQuantity)",
            ])
        return placed
    }

    package func queryOrder(symbol: String, _ reference: OrderReference) async throws(ExchangeError) -> ExchangeOrder {
        try ExchangeOrder(binance: try await call(.queryOrder, [("symbol", symbol), Self.parameter(reference)]))
    }

    package func cancelOrder(symbol: String, _ reference: OrderReference) async throws(ExchangeError) -> ExchangeOrder {
        try ExchangeOrder(binance: try await call(.cancelOrder, [("symbol", symbol), Self.parameter(reference)]))
    }

    package func userTrades(symbol: String, orderID: Int64) async throws(ExchangeError) -> [UserTrade] {
        let json = try await call(.userTrades, [("symbol", symbol), ("orderId", String(orderID))])
        return try decodeAll(json, UserTrade.init(binance:)).filter { $0.orderID == orderID }
    }

    package func incomeHistory(_ query: IncomeQuery) async throws(ExchangeError) -> [IncomeRecord] {
        var params: [(String, String)] = []
        if let symbol = query.symbol { params.append(("symbol", symbol)) }
        if let incomeType = query.incomeType { params.append(("incomeType", incomeType)) }
        if let startTime = query.startTime { params.append(("startTime", String(startTime))) }
        if let endTime = query.endTime { params.append(("endTime", String(endTime))) }
        if let limit = query.limit { params.append(("limit", String(limit))) }
        return try decodeAll(try await call(.income, params), IncomeRecord.init(binance:))
    }

    package func placeStopClose(_ order: StopCloseOrder) async throws(ExchangeError) -> AlgoOrder {
        guard ClientOrderID.isValid(order.clientAlgoID) else {
            throw ExchangeError(.invalidOrder, binanceCode: -4015, message: "client algo id is not valid")
        }
        var params = [("algoType", "CONDITIONAL"), ("symbol", order.symbol), ("side", order.side.rawValue)]
        if let positionSide = order.positionSide { params.append(("positionSide", positionSide)) }
        params += [
            ("type", "STOP_MARKET"), ("triggerPrice", DecimalText.plain(order.triggerPrice)),
            ("workingType", order.workingType), ("closePosition", "true"), ("clientAlgoId", order.clientAlgoID),
        ]
        let placed = try Self.accepted(.newAlgoOrder, try await call(.newAlgoOrder, params), AlgoOrder.init(binance:))
        logger.info(
            "exchange stop placed",
            metadata: [
                "symbol": "\(placed.symbol)", "algo.id": "\(placed.algoID)", "trigger_price": "\(placed.triggerPrice)",
            ])
        return placed
    }

    package func cancelAlgoOrder(symbol: String, _ reference: AlgoOrderReference) async throws(ExchangeError)
        -> AlgoOrder
    {
        let parameter: (String, String)
        switch reference {
        case .algoID(let id): parameter = ("algoId", String(id))
        case .clientAlgoID(let id): parameter = ("clientAlgoId", id)
        }
        return try AlgoOrder(binance: try await call(.cancelAlgoOrder, [("symbol", symbol), parameter]))
    }

    package func openAlgoOrders(symbol: String? = nil) async throws(ExchangeError) -> [AlgoOrder] {
        let json = try await call(.openAlgoOrders, symbol.map { [("symbol", $0)] } ?? [])
        // Binance answers a bare array; accept `{"orders": [...]}` too.
        return try decodeAll(json["orders"] ?? json, AlgoOrder.init(binance:))
    }

    static func parameter(_ reference: OrderReference) -> (String, String) {
        switch reference {
        case .orderID(let id): ("orderId", String(id))
        case .clientOrderID(let id): ("origClientOrderId", id)
        }
    }

    /// Decodes the 2xx answer of a state-changing call; an unreadable one means the call was
    /// accepted but its result is unknown, so it must be looked up, not repeated.
    static func accepted<T>(
        _ endpoint: BinanceEndpoint, _ json: BinanceJSON, _ decode: (BinanceJSON) throws(ExchangeError) -> T
    ) throws(ExchangeError) -> T {
        do {
            return try decode(json)
        } catch {
            throw ExchangeError(
                .unknownOutcome, message: "accepted, but the answer is unreadable: \(error.message)",
                endpoint: endpoint.label)
        }
    }

    private func decodeAll<T>(_ json: BinanceJSON, _ decode: (BinanceJSON) throws(ExchangeError) -> T)
        throws(ExchangeError) -> [T]
    {
        var values: [T] = []
        for element in try json.elements() { values.append(try decode(element)) }
        return values
    }
}
