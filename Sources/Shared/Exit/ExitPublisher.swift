import FoundationEssentials

/// Publishes exit plans in the harvest shape of wire.md (and `UPDATE_SL` plans), and writes the
/// proposal hash `quantum:harvest:proposal:{SYM}` in the Python encoding for a Python apply layer.
///
/// The plan id is the Python apply layer's own derivation from the proposal's values, and those
/// values (with `computed_at_utc`) change only when a new plan is published, so a Python consumer
/// of the hash derives the same id as long as the plan stands.
///
/// It builds the commands; ``ExitEvaluator`` sends them in the cycle's write pipelines, in the
/// order given (plan XADD, then the proposal's DEL and HSET).
struct ExitPublisher: Sendable {
    let configuration: ExitConfiguration

    static func proposalKey(_ symbol: String) -> String { "quantum:harvest:proposal:\(symbol)" }

    /// The commands that publish `decision` (none when it publishes nothing), and what they change in `state`.
    func commands(_ decision: ExitDecision, state: inout ExitPositionState, live: PositionRisk, now: Double)
        -> [[String]]
    {
        let kernel = decision.kernel
        let computedAt = HarvestProposal.computedAtText(Date(timeIntervalSince1970: now))
        let components = kernel.components
        switch decision.publication {
        case .none:
            return []
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
            var commands = [streamAdd(plan.encode())]
            if configuration.writeProposals, !configuration.shadow {
                let key = Self.proposalKey(decision.symbol)
                commands.append(["DEL", key])
                commands.append(["HSET", key] + proposal.encode().flatMap { [$0.0, $0.1] })
            }
            state.proposedRank = max(state.proposedRank, action.rank)
            state.proposedAt = now
            state.computedAt = computedAt
            return commands
        case .updateStop(let stop):
            guard let price = Decimal(string: WireFloat.repr(stop)) else { return [] }
            let planID = HarvestProposal.exitPlanID(
                symbol: decision.symbol, harvestAction: "UPDATE_SL", killScore: kernel.killScore.value,
                newStopLossText: WireFloat.repr(stop), computedAtUTC: computedAt)
            let plan = StopLossUpdate(
                planID: planID, symbol: decision.symbol, stopPrice: price,
                killScore: kernel.killScore.value, rNet: kernel.rNet,
                reasonCodes: [ReasonCode.profitLock.rawValue], source: "exitbrain", timestamp: now)
            state.proposedStop = stop
            return [streamAdd(plan.encode())]
        }
    }

    /// `XADD target MAXLEN ~ n * field value …`, as `RedisClient.streamAdd` sends it.
    private func streamAdd(_ fields: [(String, String)]) -> [String] {
        ["XADD", configuration.targetStream, "MAXLEN", "~", String(configuration.planMaxLength), "*"]
            + fields.flatMap { [$0.0, $0.1] }
    }

    /// The proposal hash to keep fresh for readers that check `last_update_epoch` when nothing is
    /// published (only if it exists, and without touching the values its plan id derives from);
    /// nil when no proposal hashes are written.
    func touchedProposal(_ symbol: String) -> String? {
        guard configuration.writeProposals, !configuration.shadow else { return nil }
        return Self.proposalKey(symbol)
    }

    /// `HSET proposal last_update_epoch now`, sent only after `EXISTS` said the hash is there.
    static func touch(_ key: String, now: Double) -> [String] {
        ["HSET", key, "last_update_epoch", String(Int(now))]
    }
}
