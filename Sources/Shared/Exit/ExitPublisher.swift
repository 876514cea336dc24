import Foundation

/// Publishes exit plans in the harvest shape of wire.md (and `UPDATE_SL` plans), and writes the
/// proposal hash `quantum:harvest:proposal:{SYM}` in the Python encoding for a Python apply layer.
///
/// The plan id is the Python apply layer's own derivation from the proposal's values, and those
/// values (with `computed_at_utc`) change only when a new plan is published, so a Python consumer
/// of the hash derives the same id as long as the plan stands.
struct ExitPublisher: Sendable {
    let configuration: ExitConfiguration
    let redis: RedisClient

    static func proposalKey(_ symbol: String) -> String { "quantum:harvest:proposal:\(symbol)" }

    func publish(_ decision: ExitDecision, state: inout ExitPositionState, live: PositionRisk, now: Double) async throws {
        let kernel = decision.kernel
        let computedAt = HarvestProposal.computedAtText(Date(timeIntervalSince1970: now))
        let components = kernel.components
        switch decision.publication {
        case .none:
            return
        case .close(let action):
            let proposal = HarvestProposal(
                harvestAction: action.rawValue, newStopLoss: kernel.newStopProposed, rNet: kernel.rNet,
                riskUnit: kernel.riskUnit, costEst: kernel.costEstimate, killScore: kernel.killScore.value,
                reasonCodes: decision.reasons, kRegimeFlip: components.regimeFlip, kSigmaSpike: components.sigmaSpike,
                kTsDrop: components.tsDrop, kAgePenalty: components.agePenalty, sigma: decision.market.sigma,
                ts: decision.market.ts, pTrend: decision.market.pTrend, pMr: decision.market.pMR,
                pChop: decision.market.pChop, computedAtUTC: computedAt, lastUpdateEpoch: Int(now),
                positionSide: decision.position.side.rawValue, positionAgeSec: decision.position.ageSec,
                positionCurrentPrice: live.markPrice, positionEntryPrice: live.entryPrice,
                positionUnrealizedPnl: live.unrealizedProfit)
            let plan = ClosePlan.exitbrain(
                planID: proposal.exitPlanID(symbol: decision.symbol), symbol: decision.symbol, action: action.rawValue,
                percent: action.closePercent, killScore: kernel.killScore.value, kRegimeFlip: components.regimeFlip,
                kSigmaSpike: components.sigmaSpike, kTsDrop: components.tsDrop, kAgePenalty: components.agePenalty,
                rNet: kernel.rNet, newStopLoss: kernel.newStopProposed.flatMap { Decimal(string: WireFloat.repr($0)) },
                reasonCodes: decision.reasons, timestamp: now)
            try await redis.streamAdd(configuration.targetStream, plan.encode(), maxLength: configuration.planMaxLength)
            if configuration.writeProposals, !configuration.shadow {
                try await redis.delete(Self.proposalKey(decision.symbol))
                try await redis.hashSet(Self.proposalKey(decision.symbol), proposal.encode())
            }
            state.proposedRank = max(state.proposedRank, action.rank)
            state.proposedAt = now
            state.computedAt = computedAt
        case .updateStop(let stop):
            guard let price = Decimal(string: WireFloat.repr(stop)) else { return }
            let planID = HarvestProposal.exitPlanID(
                symbol: decision.symbol, harvestAction: "UPDATE_SL", killScore: kernel.killScore.value,
                newStopLossText: WireFloat.repr(stop), computedAtUTC: computedAt)
            let plan = StopLossUpdate(planID: planID, symbol: decision.symbol, stopPrice: price,
                                      killScore: kernel.killScore.value, rNet: kernel.rNet,
                                      reasonCodes: [ReasonCode.profitLock.rawValue], source: "exitbrain", timestamp: now)
            try await redis.streamAdd(configuration.targetStream, plan.encode(), maxLength: configuration.planMaxLength)
            state.proposedStop = stop
        }
    }

    /// Keeps a standing proposal fresh for readers that check `last_update_epoch`, without touching
    /// the values its plan id derives from.
    func touchProposal(_ symbol: String, now: Double) async throws {
        guard configuration.writeProposals, !configuration.shadow else { return }
        let key = Self.proposalKey(symbol)
        guard try await redis.exists(key) else { return }
        try await redis.hashSet(key, [("last_update_epoch", String(Int(now)))])
    }
}
