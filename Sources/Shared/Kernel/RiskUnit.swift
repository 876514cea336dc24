/// The risk unit: the per-unit price distance that one R stands for (kernel.md §2 step 1).
package enum RiskUnit {
    /// Smallest risk unit, so R_net never divides by zero.
    package static let floor = 1e-9

    /// `entry × stop_dist_pct` when a risk proposal has a non-zero stop distance, else
    /// `entry × fallback_stop_pct`; floored at 1e-9 with Python's `max`.
    package static func compute(
        position: PositionSnapshot,
        riskProposal: RiskProposal?,
        parameters: KernelParameters
    ) -> Double {
        let raw: Double
        if let stopDistPct = riskProposal?.stopDistPct, stopDistPct != 0 {
            raw = position.entryPrice * stopDistPct
        } else {
            raw = position.entryPrice * parameters.fallbackStopPct
        }
        return PythonFloat.max(raw, floor)
    }
}
