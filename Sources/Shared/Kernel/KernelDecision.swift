/// The kernel's output for one position (a fixture case's `expected`).
package struct KernelDecision: Sendable, Equatable {
    /// The ladder's rung, or FULL_CLOSE_PROPOSED when K reached the threshold.
    package var action: HarvestAction
    /// A tighter break-even-plus stop, if the profit lock proposes one (kept after a kill).
    package var newStopProposed: Double?
    package var rNet: Double
    package var riskUnit: Double
    package var costEstimate: Double
    /// K, with its components and z.
    package var killScore: KillScore
    /// Reasons in the original's order: ladder rung, profit_lock, kill_score_triggered, then
    /// the kill's diagnostics.
    package var reasonCodes: [ReasonCode]

    package init(
        action: HarvestAction,
        newStopProposed: Double?,
        rNet: Double,
        riskUnit: Double,
        costEstimate: Double,
        killScore: KillScore,
        reasonCodes: [ReasonCode]
    ) {
        self.action = action
        self.newStopProposed = newStopProposed
        self.rNet = rNet
        self.riskUnit = riskUnit
        self.costEstimate = costEstimate
        self.killScore = killScore
        self.reasonCodes = reasonCodes
    }

    /// The four components behind K.
    package var components: KillComponents { killScore.components }
}
