import FoundationEssentials

extension PlanExecutor {
    /// Tightens the position's stop (never loosens it) in the hash and, outside dry_run, replaces
    /// the exchange-side protective STOP_MARKET (`closePosition=true`, algo endpoint).
    func updateStopLoss(_ plan: StopLossUpdate) async throws -> Outcome {
        let wrapped = ApplyPlan.updateStopLoss(plan)
        guard let position = try await exchange.position(symbol: plan.symbol), position.positionAmount != 0,
            let side = position.closingSide
        else {
            return Outcome(result: answer(wrapped, error: "no_position"))
        }
        let long = position.positionAmount > 0
        let hash = try? PositionHash.decode(
            fields: try await redis.hashGetAll(ApplyKeys.position(plan.symbol)),
            symbol: plan.symbol)
        let filters = try await exchange.symbolFilters(plan.symbol)
        let stop = filters.roundPrice(plan.stopPrice, up: !long)
        if let current = hash?.stopLoss, current > 0, long ? stop <= current : stop >= current {
            return Outcome(result: answer(wrapped, error: "stop_not_tightened"))
        }
        if long ? stop >= position.markPrice : stop <= position.markPrice {
            return Outcome(result: answer(wrapped, error: "stop_beyond_mark"))
        }
        if configuration.isDry {
            return Outcome(result: answer(wrapped, error: "dry_run", wouldExecute: true))
        }
        for existing in try await exchange.openAlgoOrders(symbol: plan.symbol) where existing.closePosition {
            _ = try await exchange.cancelAlgoOrder(symbol: plan.symbol, .algoID(existing.algoID))
        }
        let placed = try await exchange.placeStopClose(
            StopCloseOrder(
                symbol: plan.symbol, side: side, triggerPrice: stop,
                clientAlgoID: ClientOrderID.derive(planID: plan.planID)))
        try await redis.hashSet(
            ApplyKeys.position(plan.symbol),
            [
                ("stop_loss", WireDecimal.format(stop)),
                ("updated_at", String(Int(now()))),
            ])
        var result = answer(wrapped, error: "", wouldExecute: true)
        result.status = placed.status
        result.side = side.rawValue
        result.positionSide = long ? "LONG" : "SHORT"
        result.stepsResults = [
            ApplyResult.StepResult(
                step: "UPDATE_SL", status: placed.status,
                orderID: String(placed.algoID), side: side.rawValue, reduceOnly: true)
        ]
        return Outcome(result: result)
    }
}
