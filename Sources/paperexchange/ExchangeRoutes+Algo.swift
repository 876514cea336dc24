import Foundation

extension ExchangeRoutes {
    /// The Algo Order API: conditional STOP_MARKET / TAKE_PROFIT_MARKET orders.
    mutating func addAlgoRoutes() {
        let engine = engine
        add("POST", "/fapi/v1/algoOrder", security: .signed, weight: 0, placesOrder: true) {
            parameters throws(ExchangeRejection) in
            let request = ConditionalOrderRequest(
                algoType: parameters.string("algoType"), symbol: parameters.string("symbol"),
                side: parameters.string("side"),
                type: parameters.string("type"),
                triggerPrice: parameters.string("triggerPrice") ?? parameters.string("stopPrice"),
                quantity: parameters.string("quantity"), closePosition: parameters.bool("closePosition"),
                reduceOnly: parameters.bool("reduceOnly"), reduceOnlySent: parameters.string("reduceOnly") != nil,
                workingType: parameters.string("workingType"), clientAlgoId: parameters.string("clientAlgoId"))
            let order = try await engine.placeAlgoOrder(request)
            return order.binanceJSON(spec: try engine.spec(order.symbol))
        }
        add("GET", "/fapi/v1/algoOrder", security: .signed) { parameters throws(ExchangeRejection) in
            let order = try await engine.findAlgoOrder(
                algoId: try parameters.int64("algoId"), clientAlgoId: parameters.string("clientAlgoId"))
            return order.binanceJSON(spec: try engine.spec(order.symbol))
        }
        add("DELETE", "/fapi/v1/algoOrder", security: .signed) { parameters throws(ExchangeRejection) in
            let order = try await engine.cancelAlgoOrder(
                algoId: try parameters.int64("algoId"), clientAlgoId: parameters.string("clientAlgoId"))
            // Binance answers algoId, clientAlgoId, code and msg; the order's fields are added so
            // ccxt can report the cancelled order's status.
            guard case .object(let fields) = order.binanceJSON(spec: try engine.spec(order.symbol)) else {
                return Self.success
            }
            return .object(fields + [("code", .string("200")), ("msg", .string("success"))])
        }
        add("GET", "/fapi/v1/openAlgoOrders", security: .signed) { parameters throws(ExchangeRejection) in
            let orders = try await engine.openAlgoOrders(symbol: parameters.string("symbol"))
            var rows: [JSONValue] = []
            for order in orders { rows.append(order.binanceJSON(spec: try engine.spec(order.symbol))) }
            return .array(rows)
        }
        add("GET", "/fapi/v1/allAlgoOrders", security: .signed, weight: 5) { parameters throws(ExchangeRejection) in
            let spec = try engine.spec(parameters.string("symbol"))
            let orders = await engine.allAlgoOrders(symbol: spec.symbol)
            return .array(orders.map { $0.binanceJSON(spec: spec) })
        }
        add("DELETE", "/fapi/v1/algoOpenOrders", security: .signed) { parameters throws(ExchangeRejection) in
            let orders = try await engine.openAlgoOrders(symbol: parameters.string("symbol"))
            for order in orders { _ = try? await engine.cancelAlgoOrder(algoId: order.algoId, clientAlgoId: nil) }
            return Self.success
        }
    }
}
