/// The four components of the kill score, each in its clamped range (kernel.md §2 step 5).
package struct KillComponents: Sendable, Equatable {
    /// 1 when p_trend < trend_min and p_chop + p_mr > 0.5, else 0.
    package var regimeFlip: Double
    /// clamp(sigma / sigma_ref − 1, 0, sigma_spike_cap).
    package var sigmaSpike: Double
    /// clamp(ts_ref − ts, 0, ts_drop_cap).
    package var tsDrop: Double
    /// clamp(age_sec / max_age_sec, 0, 1).
    package var agePenalty: Double

    package init(regimeFlip: Double, sigmaSpike: Double, tsDrop: Double, agePenalty: Double) {
        self.regimeFlip = regimeFlip
        self.sigmaSpike = sigmaSpike
        self.tsDrop = tsDrop
        self.agePenalty = agePenalty
    }

    /// The components for a position of this age in this market, with the original's clamps
    /// (Python `max(0.0, min(x, cap))`).
    package init(ageSec: Double, market: MarketSnapshot, parameters: KernelParameters) {
        if market.pTrend < parameters.trendMin {
            regimeFlip = (market.pChop + market.pMR) > 0.5 ? 1.0 : 0.0
        } else {
            regimeFlip = 0.0
        }
        let sigmaRatio = market.sigma / parameters.sigmaRef
        sigmaSpike = PythonFloat.max(0.0, PythonFloat.min(sigmaRatio - 1.0, parameters.sigmaSpikeCap))
        tsDrop = PythonFloat.max(0.0, PythonFloat.min(parameters.tsRef - market.ts, parameters.tsDropCap))
        agePenalty = PythonFloat.max(0.0, PythonFloat.min(ageSec / parameters.maxAgeSec, 1.0))
    }

    /// The diagnostic reasons a kill adds, in the original's order: regime_flip (> 0),
    /// sigma_spike (> 0.5), ts_drop (> 0.2), age_penalty (> 0.5).
    package var diagnosticReasons: [ReasonCode] {
        var reasons: [ReasonCode] = []
        if regimeFlip > 0 { reasons.append(.regimeFlip) }
        if sigmaSpike > 0.5 { reasons.append(.sigmaSpike) }
        if tsDrop > 0.2 { reasons.append(.tsDrop) }
        if agePenalty > 0.5 { reasons.append(.agePenalty) }
        return reasons
    }
}
