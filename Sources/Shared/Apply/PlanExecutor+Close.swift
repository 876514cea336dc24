import FoundationEssentials

extension PlanExecutor {
    /// Size and side from the live exchange position, wire.md's quantity rule, a reduce-only
    /// MARKET order, the remainder below the exchange minimum closed with it.
    func executeClose(_ plan: ClosePlan) async throws -> Outcome {
        let wrapped = ApplyPlan.close(plan)
        if configuration.killBlocksCloses, try await killSwitchActive() {
            return Outcome(result: answer(wrapped, error: "kill_switch_active"))
        }
        guard let position = try await exchange.position(symbol: plan.symbol), position.positionAmount != 0,
            let side = position.closingSide
        else {
            logger.info(
                "close for a symbol without an exchange position; stale hash removed",
                metadata: ["plan.id": "\(plan.planID)", "symbol": "\(plan.symbol)"])
            return Outcome(result: answer(wrapped, error: "no_position"), position: .delete)
        }
        let live = abs(position.positionAmount)
        let requested: Decimal
        let percent: Decimal
        do {
            requested = try plan.requestedQuantity(positionQty: live)
            percent = try plan.requestedPercent(positionQty: live)
        } catch {
            return Outcome(
                result: answer(
                    wrapped,
                    error: error.code == .closeQuantityUnspecified
                        ? "close_qty_unspecified" : "invalid_plan:\(error.field)"))
        }
        let filters = try await exchange.symbolFilters(plan.symbol)
        var quantity = filters.roundDown(requested, type: .market)
        let remainder = live - quantity
        if remainder > 0, quantity > 0 {
            let minimum = filters.marketLotSize?.minQuantity ?? filters.lotSize?.minQuantity ?? 0
            let belowNotional =
                (filters.minNotional ?? 0) > 0 && remainder * position.markPrice < (filters.minNotional ?? 0)
            if remainder < minimum || belowNotional { quantity = live }
        }
        var result = answer(wrapped, error: "")
        result.closePct = percent
        result.closeQty = quantity
        result.positionSide = position.positionAmount > 0 ? "LONG" : "SHORT"
        result.positionQtyBefore = live
        result.entryPrice = position.entryPrice
        guard quantity > 0 else {
            result.error = "close_qty_zero"
            return Outcome(result: result)
        }
        if configuration.isDry {
            result.error = "dry_run"
            result.wouldExecute = true
            result.side = side.rawValue
            return Outcome(result: result)
        }
        let order = NewOrder(
            symbol: plan.symbol, side: side, quantity: quantity, reduceOnly: true,
            clientOrderID: ClientOrderID.derive(planID: plan.planID))
        guard let placed = try await send(order, plan: wrapped) else {
            result.error = "execution_failed:order_not_filled"
            return Outcome(result: result)
        }
        return try await closeOutcome(plan, placed, before: result)
    }

    /// The result and hash update of a filled (or recovered) close order.
    ///
    /// With `before` (the position read for this order, under the symbol's lease) the position
    /// after is that one less the fill: a reduce-only order in one-way mode moves it by exactly the
    /// filled quantity, and reading it again cost one exchange request in four. A recovered order
    /// (no `before`) reads the position again. The reconciler corrects the hash should anything
    /// else (a stop order, a manual trade) move the position meanwhile.
    func closeOutcome(_ plan: ClosePlan, _ placed: PlacedOrder, before: ApplyResult? = nil) async throws -> Outcome {
        let filled = placed.fills.quantity > 0 ? placed.fills.quantity : placed.order.executedQuantity
        let average = placed.fills.quantity > 0 ? placed.fills.averagePrice : (placed.order.averagePrice ?? 0)
        let after: Decimal
        if let live = before?.positionQtyBefore {
            after = max(0, live - filled)
        } else {
            after = try await exchange.position(symbol: plan.symbol).map { abs($0.positionAmount) } ?? 0
        }
        let position: ResultPublisher.PositionWrite =
            after == 0
            ? .delete : .set([("quantity", WireDecimal.format(after)), ("updated_at", String(Int(now())))])
        var result = filledResult(.close(plan), placed, filled: filled, average: average)
        result.closePct = before?.closePct
        result.closeQty = before?.closeQty ?? filled
        result.positionSide = before?.positionSide ?? (placed.order.side == .sell ? "LONG" : "SHORT")
        result.positionQtyBefore = before?.positionQtyBefore ?? (after + filled)
        result.positionQtyAfter = after
        result.entryPrice = before?.entryPrice
        return Outcome(result: result, cooldown: configuration.exitCooldownSeconds, position: position)
    }

    /// A plan that may have been attempted before: its order, looked up by client id, answers it.
    func recover(_ plan: ApplyPlan) async throws -> Outcome? {
        if case .updateStopLoss = plan { return nil }
        let reference = OrderReference.clientOrderID(ClientOrderID.derive(planID: plan.planID))
        guard
            let order = try await exchange.findOrder(
                symbol: plan.symbol, reference, attempts: 2, delay: .milliseconds(200)),
            order.executedQuantity > 0
        else { return nil }
        let placed = try await exchange.confirmFills(order, origin: .recovered)
        logger.info(
            "order of an earlier attempt found by client id; answering from it",
            metadata: ["plan.id": "\(plan.planID)", "order.id": "\(order.orderID)"])
        switch plan {
        case .entry(let entry): return try await entryOutcome(entry, placed)
        case .close(let close): return try await closeOutcome(close, placed)
        case .updateStopLoss: return nil
        }
    }
}
