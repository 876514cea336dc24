import FoundationEssentials

extension PlanExecutor {
    /// The entry gates of wire.md in order, then leverage, the MARKET order, the position hash and
    /// the cooldown.
    func executeEntry(_ plan: EntryPlan) async throws -> Outcome {
        let wrapped = ApplyPlan.entry(plan)
        if try await killSwitchActive() { return Outcome(result: answer(wrapped, error: "kill_switch_active")) }
        if !configuration.allowlist.isEmpty, !configuration.allowlist.contains(plan.symbol) {
            return Outcome(result: answer(wrapped, error: "not_in_allowlist"))
        }
        let open = try await exchange.positions(symbol: nil).filter { $0.positionAmount != 0 }
        if let current = open.first(where: { $0.symbol == plan.symbol }) {
            let sameSide = (current.positionAmount > 0) == (plan.side == .buy)
            if sameSide {
                logger.info("SKIP_OPEN_DUPLICATE", metadata: ["plan.id": "\(plan.planID)", "symbol": "\(plan.symbol)"])
                return Outcome(result: answer(wrapped, error: "position_exists"))
            }
            return Outcome(result: answer(wrapped, error: "opposite_position_open"))
        }
        if try await redis.exists(ApplyKeys.cooldown(plan.symbol)) {
            return Outcome(result: answer(wrapped, error: "cooldown_active"))
        }
        if open.count >= configuration.maxOpenPositions {
            return Outcome(result: answer(wrapped, error: "max_positions"))
        }
        let mark = try await exchange.markPrice(symbol: plan.symbol).markPrice
        if configuration.maxNotional > 0, plan.qty * mark > configuration.maxNotional {
            return Outcome(result: answer(wrapped, error: "max_notional"))
        }
        let filters = try await exchange.symbolFilters(plan.symbol)
        let quantity: Decimal
        do {
            quantity = try filters.prepareQuantity(plan.qty, type: .market, referencePrice: mark, reduceOnly: false)
        } catch {
            let code = error.binanceCode == -4164 ? "min_notional" : "qty_below_minimum"
            return Outcome(result: answer(wrapped, error: code))
        }
        if configuration.isDry {
            return Outcome(result: answer(wrapped, error: "dry_run", wouldExecute: true))
        }
        if let leverage = plan.leverage, leverage >= 1 {
            _ = try await exchange.setLeverage(
                symbol: plan.symbol, leverage: Int(leverage.rounded(scale: 0, .down).description) ?? 1)
        }
        let order = NewOrder(
            symbol: plan.symbol, side: plan.side == .buy ? .buy : .sell, quantity: quantity,
            clientOrderID: ClientOrderID.derive(planID: plan.planID))
        guard let placed = try await send(order, plan: wrapped) else {
            return Outcome(result: answer(wrapped, error: "execution_failed:order_not_filled"))
        }
        return try await entryOutcome(plan, placed)
    }

    /// The result, position hash and cooldown of a filled (or recovered) entry order.
    func entryOutcome(_ plan: EntryPlan, _ placed: PlacedOrder) async throws -> Outcome {
        let live = try await exchange.position(symbol: plan.symbol)
        let filled = placed.fills.quantity > 0 ? placed.fills.quantity : placed.order.executedQuantity
        let average = placed.fills.quantity > 0 ? placed.fills.averagePrice : (placed.order.averagePrice ?? 0)
        let amount = live.map { abs($0.positionAmount) } ?? filled
        let entryPrice = live.map(\.entryPrice).flatMap { $0 > 0 ? $0 : nil } ?? average
        let side: PositionHash.Side = plan.side == .buy ? .long : .short
        var position: ResultPublisher.PositionWrite?
        if amount > 0 {
            var hash = PositionHash(symbol: plan.symbol, side: side, quantity: amount)
            hash.entryPrice = entryPrice
            hash.leverage = plan.leverage
            hash.stopLoss = plan.stopLoss
            hash.takeProfit = plan.takeProfit
            hash.planID = plan.planID
            hash.createdAt = now()
            hash.updatedAt = now()
            hash.source = plan.source ?? "applylayer"
            hash.atrValue = plan.atrValue
            hash.volatilityFactor = plan.volatilityFactor
            if let atr = plan.atrValue, let factor = plan.volatilityFactor {
                hash.entryRiskUSDT = amount * atr * factor
                hash.riskPrice = atr * factor
                hash.riskMissing = false
            } else {
                hash.riskMissing = true
            }
            position = .set(hash.encode())
        }
        var result = filledResult(.entry(plan), placed, filled: filled, average: average)
        result.positionSide = side.rawValue
        result.positionQtyBefore = max(0, amount - filled)
        result.positionQtyAfter = amount
        result.entryPrice = entryPrice
        return Outcome(result: result, cooldown: configuration.entryCooldownSeconds, position: position)
    }

    /// Sends `order` once (looked up by client id on unknown outcome); nil when nothing filled.
    /// Exchange rejections become results through the thrown ``PlanRejection``.
    func send(_ order: NewOrder, plan: ApplyPlan) async throws -> PlacedOrder? {
        markAttempted(plan.planID)
        let started = ContinuousClock.now
        do {
            let placed = try await exchange.placeOrderIdempotent(order)
            metrics.orderLatency.recordNanoseconds((ContinuousClock.now - started).nanoseconds)
            return placed.order.executedQuantity > 0 ? placed : nil
        } catch {
            metrics.exchangeError(error).increment()
            if error.code == .api || error.code == .invalidOrder {
                throw PlanRejection(code: error.resultCode)
            }
            throw error
        }
    }

    /// The common fields of a result for a filled order.
    func filledResult(_ plan: ApplyPlan, _ placed: PlacedOrder, filled: Decimal, average: Decimal) -> ApplyResult {
        let orderID = String(placed.order.orderID)
        let step = ApplyResult.StepResult(
            step: plan.isReduceOnly ? "CLOSE_MARKET" : "ENTRY_MARKET", status: placed.order.status.rawValue,
            orderID: orderID, executedQty: filled, avgPrice: average, side: placed.order.side.rawValue,
            reduceOnly: plan.isReduceOnly)
        return ApplyResult(
            planID: plan.planID, symbol: plan.symbol, action: plan.resultAction, decision: plan.decision,
            executed: true, wouldExecute: true, reduceOnly: plan.isReduceOnly, side: placed.order.side.rawValue,
            filledQty: filled, avgPrice: average, orderID: orderID, clientOrderID: placed.order.clientOrderID,
            status: placed.order.status.rawValue, realizedPnl: placed.fills.realizedPnl,
            commission: placed.fills.commission,
            commissionAsset: placed.fills.commissionAsset.isEmpty ? nil : placed.fills.commissionAsset,
            stepsResults: [step], timestamp: now())
    }

    func killSwitchActive() async throws -> Bool {
        let replies = try await redis.pipeline([["GET", ApplyKeys.killSwitch], ["GET", ApplyKeys.globalKillSwitch]])
        return replies.contains { reply in
            guard let value = reply.string?.lowercased() else { return false }
            return value == "1" || value == "true"
        }
    }
}

/// The exchange refused the order (a Binance error code, or a filter checked before sending):
/// the plan is answered with `code`, never retried.
struct PlanRejection: Error {
    var code: String
}
