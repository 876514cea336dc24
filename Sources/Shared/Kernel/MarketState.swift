/// The market state of one symbol, estimated from its 1-minute closes (the original
/// `ai_engine/market_state.py` output); per-bar, in log units.
package struct MarketState: Sendable, Equatable {
    /// Robust volatility: winsorised EWMA blended with MAD, floored at 1e-6.
    package var sigma: Double
    /// Multi-window Theil–Sen slope of log price (0.5·s64 + 0.3·s128 + 0.2·s256), signed.
    package var mu: Double
    /// Trend strength |mu| / (sigma + 1e-12).
    package var ts: Double
    package var pTrend: Double
    /// Softmax weight of the original's "mean-reversion" score.
    ///
    /// - Important: that score grows with the variance ratio above 1, so it really measures
    ///   5-bar *momentum*; a genuinely mean-reverting series mostly scores as chop. Kept as is
    ///   for parity (original-marketstate.md §1.8).
    package var pMR: Double
    package var pChop: Double
    /// Share of adjacent return pairs with the same sign, exactly k/255.
    package var dp: Double
    /// Variance ratio of overlapping 5-return sums to single returns.
    package var vr: Double
    /// MAD / EWMA volatility, clamped to [0, 5].
    package var spikeProxy: Double
    /// Number of log returns in the input (closes − 1).
    package var returnsCount: Int
    /// Intermediate values, for checking against the original.
    package var diagnostics: Diagnostics

    /// Intermediate values of the estimate.
    package struct Diagnostics: Sendable, Equatable {
        package var quantileLow: Double
        package var quantileHigh: Double
        package var sigmaEWMA: Double
        package var sigmaMAD: Double
        package var blendWeight: Double
        package var sigmaRaw: Double
        /// Theil–Sen slopes over the last 64, 128 and 256 log prices.
        package var slopes: [Double]
        package var scoreTrend: Double
        package var scoreMR: Double
        package var scoreChop: Double
    }

    /// The regime with the highest probability; ties go to trend, then mr, then chop.
    package var regime: Regime {
        if pTrend >= pMR && pTrend >= pChop { return .trend }
        return pMR >= pChop ? .mr : .chop
    }

    /// The five values the kill score reads.
    package var snapshot: MarketSnapshot {
        MarketSnapshot(sigma: sigma, ts: ts, pTrend: pTrend, pMR: pMR, pChop: pChop)
    }
}
