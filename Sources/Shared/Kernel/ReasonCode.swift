/// The reason codes of an exit decision; the raw values are the stable wire strings.
package enum ReasonCode: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Ladder rung T1 reached (PARTIAL_25).
    case harvestPartial25 = "harvest_partial_25"
    /// Ladder rung T2 reached (PARTIAL_50).
    case harvestPartial50 = "harvest_partial_50"
    /// Ladder rung T3 reached (PARTIAL_75).
    case harvestPartial75 = "harvest_partial_75"
    /// A break-even-plus stop is proposed.
    case profitLock = "profit_lock"
    /// K reached the kill threshold; the action became FULL_CLOSE_PROPOSED.
    case killScoreTriggered = "kill_score_triggered"
    /// Diagnostic after a kill: the regime-flip component is on.
    case regimeFlip = "regime_flip"
    /// Diagnostic after a kill: the sigma-spike component exceeds 0.5.
    case sigmaSpike = "sigma_spike"
    /// Diagnostic after a kill: the ts-drop component exceeds 0.2.
    case tsDrop = "ts_drop"
    /// Diagnostic after a kill: the age penalty exceeds 0.5.
    case agePenalty = "age_penalty"
    /// The mark crossed the stop. Never produced by the kernel: exitbrain's publisher adds it
    /// (kernel.md §5).
    case stopLossHit = "stop_loss_hit"
}
