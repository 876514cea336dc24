/// The cost estimate and the net R multiple of a position (kernel.md §2 step 2).
package struct NetR: Sendable, Equatable {
    /// `cost_bps / 10000 × entry`, per unit.
    package var costEstimate: Double
    /// `(unrealized_pnl − cost_est) / risk_unit`.
    package var rNet: Double

    package init(position: PositionSnapshot, riskUnit: Double, parameters: KernelParameters) {
        costEstimate = (parameters.costBps / 10000.0) * position.entryPrice
        rNet = (position.unrealizedPnL - costEstimate) / riskUnit
    }
}
