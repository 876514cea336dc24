import FoundationEssentials
import Glibc

/// Estimates `MarketState` from 1-minute closes at parity with the original
/// `MarketState().get_state` (default theta), to the last bit where numpy allows.
///
/// Pure: give it closes, oldest first. It needs at least 257 (one more than the 256-return
/// window); with fewer it returns `nil`, as the original returns `None`.
package enum MarketStateEstimator {
    /// Fewest closes that give an estimate.
    package static let minimumCloses = 257
    /// Returns used for sigma, dp and vr; also the longest trend window.
    static let window = 256
    /// The `eps` added to prices before the log and to denominators.
    static let eps = 1e-12
    /// Trend windows (last k log prices) and their weights.
    static let trendWindows = [64, 128, 256]
    static let trendWeights = [0.5, 0.3, 0.2]

    /// The market state for these closes (oldest first), or `nil` with fewer than 257.
    package static func estimate(closes: [Double]) -> MarketState? {
        guard closes.count >= minimumCloses else { return nil }
        let logPrices = closes.map { log($0 + eps) }
        var returns: [Double] = []
        returns.reserveCapacity(logPrices.count - 1)
        for index in 1..<logPrices.count {
            returns.append(logPrices[index] - logPrices[index - 1])
        }
        let recent = Array(returns.suffix(window))

        let volatility = Volatility(returns: recent)
        let trend = Trend(logPrices: logPrices)
        let ts = abs(trend.mu) / (volatility.sigma + eps)
        let regime = RegimeScores(returns: recent, ts: ts)

        return MarketState(
            sigma: volatility.sigma,
            mu: trend.mu,
            ts: ts,
            pTrend: regime.probabilities[0],
            pMR: regime.probabilities[1],
            pChop: regime.probabilities[2],
            dp: regime.dp,
            vr: regime.vr,
            spikeProxy: volatility.spikeProxy,
            returnsCount: returns.count,
            diagnostics: MarketState.Diagnostics(
                quantileLow: volatility.quantileLow,
                quantileHigh: volatility.quantileHigh,
                sigmaEWMA: volatility.sigmaEWMA,
                sigmaMAD: volatility.sigmaMAD,
                blendWeight: volatility.blendWeight,
                sigmaRaw: volatility.sigmaRaw,
                slopes: trend.slopes,
                scoreTrend: regime.scores[0],
                scoreMR: regime.scores[1],
                scoreChop: regime.scores[2]
            )
        )
    }
}
