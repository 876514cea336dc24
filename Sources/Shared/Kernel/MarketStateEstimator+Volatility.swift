import FoundationEssentials
import Glibc

extension MarketStateEstimator {
    /// sigma: winsorised EWMA variance blended with a MAD estimate (original-marketstate.md §1.3).
    struct Volatility {
        var quantileLow: Double
        var quantileHigh: Double
        var sigmaEWMA: Double
        var sigmaMAD: Double
        var spikeProxy: Double
        var blendWeight: Double
        var sigmaRaw: Double
        var sigma: Double

        static let quantileLowLevel = 0.01
        static let quantileHighLevel = 0.99
        static let ewmaLambda = 0.94
        static let ewmaSeedCount = 10
        static let madScale = 1.4826
        static let spikeCap = 5.0
        static let spikeCenter = 1.2
        static let spikeScale = 0.3
        static let sigmaFloor = 1e-6

        /// - Parameter returns: the last 256 log returns, oldest first.
        init(returns: [Double]) {
            let sorted = returns.sorted()
            quantileLow = NumpyReduction.quantile(sorted: sorted, Self.quantileLowLevel)
            quantileHigh = NumpyReduction.quantile(sorted: sorted, Self.quantileHighLevel)
            let low = quantileLow, high = quantileHigh
            let clipped = returns.map { NumpyReduction.clip($0, low, high) }

            // Seeded with the population variance of the oldest 10, then run over all of them;
            // `c*c` is formed before the (1 - λ) factor, as in the original.
            var variance = NumpyReduction.variance(Array(clipped.prefix(Self.ewmaSeedCount)))
            let oneMinusLambda = 1 - Self.ewmaLambda
            for value in clipped {
                variance = Self.ewmaLambda * variance + oneMinusLambda * (value * value)
            }
            sigmaEWMA = variance.squareRoot()

            let median = NumpyReduction.median(sorted: clipped.sorted())
            let deviations = clipped.map { abs($0 - median) }.sorted()
            sigmaMAD = Self.madScale * NumpyReduction.median(sorted: deviations)

            spikeProxy = NumpyReduction.clip(sigmaMAD / (sigmaEWMA + MarketStateEstimator.eps), 0, Self.spikeCap)
            let x = (spikeProxy - Self.spikeCenter) / Self.spikeScale
            blendWeight = 1.0 / (1.0 + exp(-NumpyReduction.clip(x, -50, 50)))
            sigmaRaw = (1 - blendWeight) * sigmaEWMA + blendWeight * sigmaMAD
            sigma = PythonFloat.max(Self.sigmaFloor, sigmaRaw)
        }
    }
}
