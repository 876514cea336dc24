/// Writing a decision in the fixtures' `expected` format.
extension KernelDecision {
    /// `harvest_action`, `new_sl_proposed`, `R_net`, `risk_unit`, `cost_est`, `kill_score`,
    /// `reason_codes`, `k_components`, in that order.
    package var json: KernelJSON {
        .object([
            .init("harvest_action", .string(action.rawValue)),
            .init("new_sl_proposed", newStopProposed.map { .number($0) } ?? .null),
            .init("R_net", .number(rNet)),
            .init("risk_unit", .number(riskUnit)),
            .init("cost_est", .number(costEstimate)),
            .init("kill_score", .number(killScore.value)),
            .init("reason_codes", .array(reasonCodes.map { .string($0.rawValue) })),
            .init("k_components", components.json),
        ])
    }
}
