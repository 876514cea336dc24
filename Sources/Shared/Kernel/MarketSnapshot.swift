/// The market-state values the kill score reads (the original kernel's `MarketState` input).
///
/// `MarketState` (the estimator's full output) gives one through `MarketState.snapshot`; a
/// `quantum:marketstate:{SYM}` hash written by another service gives the same five fields.
package struct MarketSnapshot: Sendable, Equatable {
    /// Robust per-bar volatility of log returns.
    package var sigma: Double
    /// Trend strength |mu| / sigma.
    package var ts: Double
    package var pTrend: Double
    package var pMR: Double
    package var pChop: Double

    package init(sigma: Double, ts: Double, pTrend: Double, pMR: Double, pChop: Double) {
        self.sigma = sigma
        self.ts = ts
        self.pTrend = pTrend
        self.pMR = pMR
        self.pChop = pChop
    }
}
