/// The exit decision kernel: risk unit, R_net, ladder, profit lock and kill score, at parity
/// with the original `ai_engine/risk_kernel_harvest.py` (`compute_harvest_proposal`).
///
/// Pure: no I/O, no clock. The tranche weights of the original's audit block are not
/// reproduced (they never influenced a decision).
package enum HarvestKernel {
    /// Evaluates one position, in the original's order (kernel.md §2).
    package static func evaluate(_ input: KernelInput) -> KernelDecision {
        let parameters = input.parameters
        let position = input.position
        var reasons: [ReasonCode] = []

        let riskUnit = RiskUnit.compute(
            position: position, riskProposal: input.riskProposal, parameters: parameters)
        let net = NetR(position: position, riskUnit: riskUnit, parameters: parameters)

        var action = HarvestLadder.action(rNet: net.rNet, parameters: parameters)
        if let reason = action.ladderReason { reasons.append(reason) }

        let newStop = ProfitLock.proposedStop(position: position, rNet: net.rNet, parameters: parameters)
        if newStop != nil { reasons.append(.profitLock) }

        let kill = KillScore(ageSec: position.ageSec, market: input.market, parameters: parameters)
        if kill.value >= parameters.killThreshold {
            action = .fullCloseProposed
            reasons.append(.killScoreTriggered)
            reasons.append(contentsOf: kill.components.diagnosticReasons)
        }

        return KernelDecision(
            action: action,
            newStopProposed: newStop,
            rNet: net.rNet,
            riskUnit: riskUnit,
            costEstimate: net.costEstimate,
            killScore: kill,
            reasonCodes: reasons
        )
    }
}
