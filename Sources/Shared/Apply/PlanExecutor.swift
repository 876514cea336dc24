import FoundationEssentials
import Logging

/// Turns plans from `apply.plan` into exchange orders, exactly once, and answers every plan with
/// one result on `apply.result` (wire.md). The ``StreamConsumer`` handler of applylayer.
///
/// Per plan: decode (undecodable → dead letter, and a result naming the bad field), skip a plan
/// already answered (done key), take the symbol's lease, look the order up by client id when the
/// plan may have been attempted before, answer stale and non-`EXECUTE` plans without an order,
/// then run the entry gates, the close rules or the stop update. A thrown error means "could not
/// finish, try again" (exchange or Redis down, order outcome unknown): the plan stays pending.
package struct PlanExecutor: StreamMessageHandler {
    let configuration: ApplyConfiguration
    let redis: RedisClient
    let exchange: any Exchange
    let logger: Logger
    let metrics: ApplyMetrics
    let publisher: ResultPublisher
    let lease: SymbolLease
    let now: @Sendable () -> Double
    /// Plans this process sent an order for: a retry looks the order up before anything else.
    let attempted = AttemptedPlans()

    package init(
        configuration: ApplyConfiguration, consumer: String, redis: RedisClient, exchange: any Exchange,
        logger: Logger, now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.configuration = configuration
        self.redis = redis
        self.exchange = exchange
        self.logger = logger
        self.metrics = ApplyMetrics()
        self.publisher = ResultPublisher(redis: redis, configuration: configuration)
        self.lease = SymbolLease(redis: redis, owner: consumer, milliseconds: configuration.symbolLeaseMilliseconds)
        self.now = now
    }

    package func handle(_ message: StreamMessage) async throws -> StreamDisposition {
        let plan: ApplyPlan
        do {
            plan = try ApplyPlan(fields: message.values)
        } catch {
            // A plan that is not to be executed needs no valid body: answer its decision.
            if let header = try? ApplyPlan.Header(fields: WireFields(message.values)), let decision = header.decision,
                decision != .execute, !(try await redis.exists(configuration.doneKey(header.planID)))
            {
                let result = ApplyResult(
                    planID: header.planID, symbol: header.symbol ?? "", action: header.action,
                    decision: decision, error: decision.resultError, timestamp: now())
                try await publisher.publish(
                    result.encode(), planID: header.planID, symbol: header.symbol ?? "",
                    cooldownSeconds: 0)
                metrics.outcome(kind: "invalid", error: decision.resultError).increment()
                return .ack
            }
            metrics.outcome(kind: "invalid", error: "invalid_plan").increment()
            return .deadLetter(reason: "invalid_plan:\(error.field):\(error.code)")
        }
        // The done key is checked by the same script that takes the leases: a message with this
        // plan id answered while another waited for the leases is seen as answered.
        let claim = try await lease.claim(
            planID: plan.planID, symbol: plan.symbol,
            doneKey: configuration.doneKey(plan.planID))
        if claim == .done { return acknowledgeDuplicate(plan) }
        do {
            let lookUpFirst = message.deliveries > 1 || attempted.contains(plan.planID)
            let outcome: Outcome
            do {
                outcome = try await decide(plan, lookUpFirst: lookUpFirst)
            } catch let rejection as PlanRejection {
                outcome = Outcome(result: answer(plan, error: rejection.code))
            } catch let error as ExchangeError where error.rejectsThePlan {
                // e.g. an unlisted symbol (-1121) on a position or price read: a poison plan
                // would otherwise be retried forever and block every plan behind it.
                metrics.exchangeError(error).increment()
                outcome = Outcome(result: answer(plan, error: error.resultCode))
            }
            var fields = outcome.result.encode()
            fields += plan.passThroughFields
            try await publisher.publish(
                fields, planID: plan.planID, symbol: plan.symbol, cooldownSeconds: outcome.cooldown,
                position: outcome.position, releasing: lease.leases(planID: plan.planID, symbol: plan.symbol))
            lease.forget(planID: plan.planID, symbol: plan.symbol)
            attempted.remove(plan.planID)
            metrics.outcome(kind: plan.kind, error: outcome.result.errorCode).increment()
            logger.info(
                outcome.result.executed ? "plan executed" : "plan answered",
                metadata: [
                    "plan.id": "\(plan.planID)", "symbol": "\(plan.symbol)", "kind": "\(plan.kind)",
                    "error": "\(outcome.result.error)",
                    "filled_qty": "\(outcome.result.filledQty.map { "\($0)" } ?? "")",
                ])
        } catch {
            await releaseLeases(plan)
            throw error
        }
        return .ack
    }

    /// A plan whose id was already answered: counted, logged, acknowledged, no second result.
    private func acknowledgeDuplicate(_ plan: ApplyPlan) -> StreamDisposition {
        metrics.outcome(kind: plan.kind, error: "duplicate_plan").increment()
        logger.info(
            "plan already answered; acknowledged without a second result",
            metadata: ["plan.id": "\(plan.planID)", "symbol": "\(plan.symbol)"])
        return .ack
    }

    private func releaseLeases(_ plan: ApplyPlan) async {
        await lease.release(planID: plan.planID, symbol: plan.symbol)
    }

    /// A plan that could not be decoded still gets a result when its `plan_id` is usable, so its
    /// producer hears back.
    package func deadLettered(_ message: StreamMessage, reason: String) async throws {
        guard let header = try? ApplyPlan.Header(fields: WireFields(message.values)) else { return }
        let symbol = header.symbol ?? ""
        let result = ApplyResult(
            planID: header.planID, symbol: symbol, action: header.action, decision: header.decision,
            error: "dead_lettered:\(reason)", timestamp: now())
        try await publisher.publish(result.encode(), planID: header.planID, symbol: symbol, cooldownSeconds: 0)
    }

    /// A result, and the cooldown and position hash change written with it.
    struct Outcome {
        var result: ApplyResult
        var cooldown: Int = 0
        var position: ResultPublisher.PositionWrite?
    }

    private func decide(_ plan: ApplyPlan, lookUpFirst: Bool) async throws -> Outcome {
        guard plan.decision == .execute else {
            return Outcome(result: answer(plan, error: plan.decision.resultError))
        }
        if lookUpFirst, !configuration.isDry, let recovered = try await recover(plan) {
            return recovered
        }
        if now() - plan.timestamp > configuration.maxPlanAge {
            return Outcome(result: answer(plan, error: "stale_plan"))
        }
        switch plan {
        case .entry(let entry): return try await executeEntry(entry)
        case .close(let close): return try await executeClose(close)
        case .updateStopLoss(let update): return try await updateStopLoss(update)
        }
    }

    /// An answer without an order.
    func answer(_ plan: ApplyPlan, error: String, wouldExecute: Bool = false) -> ApplyResult {
        ApplyResult(
            planID: plan.planID, symbol: plan.symbol, action: plan.resultAction, decision: plan.decision,
            wouldExecute: wouldExecute, reduceOnly: plan.isReduceOnly, error: error, timestamp: now())
    }

    /// Records that an order may be sent for `planID` (a retry then looks it up first).
    func markAttempted(_ planID: String) {
        attempted.insert(planID)
    }
}
