/// Writing the components as a fixture's `k_components` object.
extension KillComponents {
    /// `regime_flip`, `sigma_spike`, `ts_drop`, `age_penalty`, in that order.
    package var json: KernelJSON {
        .object([
            .init("regime_flip", .number(regimeFlip)),
            .init("sigma_spike", .number(sigmaSpike)),
            .init("ts_drop", .number(tsDrop)),
            .init("age_penalty", .number(agePenalty)),
        ])
    }
}
