import Foundation

extension ExchangeRoutes {
    /// Signed order endpoints: new (ACK/RESULT), query, cancel, open orders, all orders, trades.
    mutating func addOrderRoutes() {
        let engine = engine
        add("POST", "/fapi/v1/order", security: .signed, weight: 0, placesOrder: true) {
            parameters throws(ExchangeRejection) in
            let request = Self.orderRequest(parameters)
            let order = try await engine.placeOrder(request)
            let spec = try engine.spec(order.symbol)
            let respType = parameters.string("newOrderRespType")?.uppercased() ?? "ACK"
            return order.binanceJSON(spec: spec, ack: respType == "ACK")
        }
        add("POST", "/fapi/v1/order/test", security: .signed) { parameters throws(ExchangeRejection) in
            _ = try engine.spec(parameters.string("symbol"))
            return .object([])
        }
        add("GET", "/fapi/v1/order", security: .signed) { parameters throws(ExchangeRejection) in
            let order = try await engine.findOrder(
                symbol: parameters.string("symbol"), orderId: try parameters.int64("orderId"),
                clientOrderId: parameters.string("origClientOrderId"))
            return order.binanceJSON(spec: try engine.spec(order.symbol))
        }
        add("DELETE", "/fapi/v1/order", security: .signed) { parameters throws(ExchangeRejection) in
            let order = try await engine.cancelOrder(
                symbol: parameters.string("symbol"), orderId: try parameters.int64("orderId"),
                clientOrderId: parameters.string("origClientOrderId"))
            return order.binanceJSON(spec: try engine.spec(order.symbol))
        }
        add("GET", "/fapi/v1/openOrders", security: .signed) { parameters throws(ExchangeRejection) in
            let orders = try await engine.openOrders(symbol: parameters.string("symbol"))
            var rows: [JSONValue] = []
            for order in orders { rows.append(order.binanceJSON(spec: try engine.spec(order.symbol))) }
            return .array(rows)
        }
        add("GET", "/fapi/v1/allOrders", security: .signed, weight: 5) { parameters throws(ExchangeRejection) in
            let spec = try engine.spec(parameters.string("symbol"))
            let limit = try Self.limit(parameters, fallback: 500, maximum: 1000)
            let orders = await engine.allOrders(symbol: spec.symbol, limit: limit)
            return .array(orders.map { $0.binanceJSON(spec: spec) })
        }
        add("DELETE", "/fapi/v1/allOpenOrders", security: .signed) { parameters throws(ExchangeRejection) in
            let orders = try await engine.openOrders(symbol: parameters.string("symbol"))
            for order in orders {
                _ = try? await engine.cancelOrder(symbol: order.symbol, orderId: order.orderId, clientOrderId: nil)
            }
            return .object([("code", .int(200)), ("msg", .string("The operation of cancel all open order is done."))])
        }
        add("GET", "/fapi/v1/userTrades", security: .signed, weight: 5) { parameters throws(ExchangeRejection) in
            let limit = try Self.limit(parameters, fallback: 500, maximum: 1000)
            let trades = try await engine.trades(
                symbol: parameters.string("symbol"), orderId: try parameters.int64("orderId"),
                start: try parameters.int64("startTime"), end: try parameters.int64("endTime"), limit: limit)
            guard let first = trades.first else { return .array([]) }
            let spec = try engine.spec(first.symbol)
            return .array(trades.map { $0.binanceJSON(spec: spec) })
        }
    }

    static func orderRequest(_ parameters: RequestParameters) -> OrderRequest {
        OrderRequest(
            symbol: parameters.string("symbol"), side: parameters.string("side"), type: parameters.string("type"),
            quantity: parameters.string("quantity"), price: parameters.string("price"),
            timeInForce: parameters.string("timeInForce"), reduceOnly: parameters.bool("reduceOnly"),
            clientOrderId: parameters.string("newClientOrderId"), positionSide: parameters.string("positionSide"))
    }
}
