import Foundation

extension ConditionalOrder {
    /// The algo order object of `POST`/`GET /fapi/v1/algoOrder` and `openAlgoOrders`.
    func binanceJSON(spec: SymbolSpec) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("algoId", .int(algoId)),
            ("clientAlgoId", .string(clientAlgoId)),
            ("algoType", .string("CONDITIONAL")),
            ("orderType", .string(orderType)),
            ("symbol", .string(symbol)),
            ("side", .string(side.rawValue)),
            ("positionSide", .string("BOTH")),
            ("timeInForce", .string("GTC")),
            ("quantity", .decimal(quantity, scale: spec.quantityScale)),
            ("algoStatus", .string(algoStatus)),
            ("triggerPrice", .decimal(triggerPrice, scale: spec.priceScale)),
            ("price", .decimal(0, scale: spec.priceScale)),
            ("icebergQuantity", .null),
            ("selfTradePreventionMode", .string("EXPIRE_MAKER")),
            ("workingType", .string(workingType)),
            ("priceMatch", .string("NONE")),
            ("closePosition", .bool(closePosition)),
            ("priceProtect", .bool(false)),
            ("reduceOnly", .bool(reduceOnly)),
            ("activatePrice", .string("")),
            ("callbackRate", .string("")),
            ("createTime", .int(createTime)),
            ("updateTime", .int(updateTime)),
            ("triggerTime", .int(triggerTime)),
            ("goodTillDate", .int(0)),
        ]
        if let actualOrderId {
            fields.append(("actualOrderId", .string("\(actualOrderId)")))
            fields.append(("actualPrice", .decimal(actualPrice, scale: spec.priceScale)))
            fields.append(("executedQty", .decimal(executedQty, scale: spec.quantityScale)))
        }
        return .object(fields)
    }
}
