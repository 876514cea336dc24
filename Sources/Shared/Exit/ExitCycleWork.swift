/// One evaluated position's outcome within a cycle, and the Redis writes it needs: sent with
/// every other position's by ``ExitEvaluator/write(_:now:)``.
struct ExitCycleWork: Sendable {
    var symbol: String
    /// nil when the position was skipped (no market state): only its state is written.
    var decision: ExitDecision?
    /// The position's state after this cycle (peak, trough, what was proposed).
    var state: ExitPositionState
    /// The market-state hash write-back (first pipeline).
    var marketWrites: [[String]]
    /// The plan XADD and the proposal's DEL and HSET, in that order (second pipeline).
    var commands: [[String]]
    /// The proposal hash to keep fresh (`EXISTS` in the second pipeline, `HSET last_update_epoch`
    /// in the third when it exists), when nothing was published.
    var touchedProposal: String? = nil
    /// Whether `quantum:exitbrain:state:{SYM}` is written (in the third pipeline).
    var writeState: Bool
}
