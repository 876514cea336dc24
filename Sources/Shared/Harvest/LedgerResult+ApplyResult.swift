import FoundationEssentials

extension LedgerResult {
    /// The ledger's view of a decoded result. `extra` holds the raw fields, for values beside
    /// wire.md's table (`kill_score`, `reason_codes`, `plan_source`, `entry_risk_usdt`).
    init(_ result: ApplyResult, stream: String, entryID: String, extra: [String: String], exchange: String) {
        var fill: LedgerFill?
        if result.isFill, let filled = result.filledQty, let sideText = result.side,
            let side = LedgerFill.Side(rawValue: sideText)
        {
            fill = LedgerFill(
                exchange: exchange, symbol: result.symbol, orderID: result.orderID, clientOrderID: result.clientOrderID,
                planID: result.planID, side: side, reduceOnly: result.reduceOnly, action: result.action,
                status: result.status, quantity: filled, averagePrice: result.avgPrice ?? 0,
                realizedPnL: result.realizedPnl ?? 0, commission: result.commission.map { abs($0) } ?? 0,
                commissionAsset: result.commissionAsset,
                pnlReported: result.avgPrice != nil && (result.realizedPnl != nil || !result.reduceOnly),
                killScore: extra["kill_score"].flatMap(Double.init).flatMap { $0.isFinite ? $0 : nil },
                reasonCodes: extra["reason_codes"].map { String($0.prefix(512)) },
                planSource: extra["plan_source"].map { String($0.prefix(128)) },
                entryRiskUSDT: extra["entry_risk_usdt"].flatMap {
                    try? WireDecimal.parse($0, field: "entry_risk_usdt")
                },
                executedAt: Date(timeIntervalSince1970: result.timestamp))
        }
        self.init(
            stream: stream, entryID: entryID, planID: result.planID, symbol: result.symbol, action: result.action,
            decision: result.decision?.rawValue, executed: result.executed, reduceOnly: result.reduceOnly,
            error: result.error, producer: result.source.isEmpty ? nil : result.source,
            time: Date(timeIntervalSince1970: result.timestamp), fields: extra, fill: fill)
    }
}
