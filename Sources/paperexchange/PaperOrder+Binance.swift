import Foundation

extension PaperOrder {
    /// The order object of `GET /fapi/v1/order` and of a RESULT answer. With `ack`, it is the
    /// ACK answer Binance gives a MARKET order: status NEW and nothing executed yet.
    func binanceJSON(spec: SymbolSpec, ack: Bool = false) -> JSONValue {
        let q = spec.quantityScale, p = spec.priceScale
        let quoteScale = min(8, p + q)
        let executed: Decimal = ack ? 0 : executedQty
        let quote: Decimal = ack ? 0 : cumQuote
        let average: Decimal = ack ? 0 : avgPrice
        return .object([
            ("orderId", .int(orderId)),
            ("symbol", .string(symbol)),
            ("status", .string(ack ? "NEW" : status)),
            ("clientOrderId", .string(clientOrderId)),
            ("price", .decimal(price, scale: p)),
            ("avgPrice", .decimal(average, scale: p)),
            ("origQty", .decimal(origQty, scale: q)),
            ("executedQty", .decimal(executed, scale: q)),
            ("cumQty", .decimal(executed, scale: q)),
            ("cumQuote", .decimal(quote, scale: quoteScale)),
            ("timeInForce", .string(timeInForce)),
            ("type", .string(type)),
            ("reduceOnly", .bool(reduceOnly)),
            ("closePosition", .bool(closePosition)),
            ("side", .string(side.rawValue)),
            ("positionSide", .string("BOTH")),
            ("stopPrice", .decimal(stopPrice, scale: p)),
            ("workingType", .string("CONTRACT_PRICE")),
            ("priceProtect", .bool(false)),
            ("origType", .string(origType)),
            ("priceMatch", .string("NONE")),
            ("selfTradePreventionMode", .string("EXPIRE_MAKER")),
            ("goodTillDate", .int(0)),
            ("time", .int(time)),
            ("updateTime", .int(ack ? time : updateTime)),
        ])
    }
}
