import Foundation

extension PaperTrade {
    /// A row of `GET /fapi/v1/userTrades`.
    func binanceJSON(spec: SymbolSpec) -> JSONValue {
        .object([
            ("buyer", .bool(side == .buy)),
            ("commission", .decimal(commission, scale: 8)),
            ("commissionAsset", .string("USDT")),
            ("id", .int(id)),
            ("maker", .bool(maker)),
            ("orderId", .int(orderId)),
            ("price", .decimal(price, scale: spec.priceScale)),
            ("qty", .decimal(qty, scale: spec.quantityScale)),
            ("quoteQty", .decimal(quoteQty, scale: 8)),
            ("realizedPnl", .decimal(realizedPnl, scale: 8)),
            ("side", .string(side.rawValue)),
            ("positionSide", .string("BOTH")),
            ("symbol", .string(symbol)),
            ("time", .int(time)),
        ])
    }
}
