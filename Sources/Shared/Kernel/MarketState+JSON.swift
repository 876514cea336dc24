/// The `exitbrain marketstate` mapping: closes in as JSON, the estimate out as JSON.
extension MarketState {
    /// `sigma`, `mu`, `ts`, `p_trend`, `p_mr`, `p_chop`, `dp`, `vr`, `spike_proxy`,
    /// `returns_n`, `regime`, in that order (the estimator's fields by their Python names).
    package var json: KernelJSON {
        .object([
            .init("sigma", .number(sigma)),
            .init("mu", .number(mu)),
            .init("ts", .number(ts)),
            .init("p_trend", .number(pTrend)),
            .init("p_mr", .number(pMR)),
            .init("p_chop", .number(pChop)),
            .init("dp", .number(dp)),
            .init("vr", .number(vr)),
            .init("spike_proxy", .number(spikeProxy)),
            .init("returns_n", .integer(returnsCount)),
            .init("regime", .string(regime.rawValue)),
        ])
    }
}
