extension MarketStateEstimator {
    /// mu: weighted Theil–Sen slopes of the last 64, 128 and 256 log prices
    /// (original-marketstate.md §1.4).
    struct Trend {
        var slopes: [Double]
        var mu: Double

        /// - Parameter logPrices: all log prices, oldest first (at least 257).
        init(logPrices: [Double]) {
            slopes = MarketStateEstimator.trendWindows.map { window in
                Self.theilSenSlope(Array(logPrices.suffix(window)))
            }
            // numpy's dot of three doubles ran through OpenBLAS as a fused multiply-add chain.
            var accumulator = 0.0
            for (weight, slope) in zip(MarketStateEstimator.trendWeights, slopes) {
                accumulator.addProduct(weight, slope)
            }
            mu = accumulator
        }

        /// The median of all pairwise slopes `(y_i − y_j) / (i − j)`, i > j, with x = 0..<k
        /// (`scipy.stats.theilslopes(y).slope`).
        static func theilSenSlope(_ y: [Double]) -> Double {
            let k = y.count
            var pairSlopes: [Double] = []
            pairSlopes.reserveCapacity(k * (k - 1) / 2)
            for i in 1..<k {
                for j in 0..<i {
                    pairSlopes.append((y[i] - y[j]) / Double(i - j))
                }
            }
            // A selection, not a sort: this was half of exitbrain's cycle (bench/RESULTS.md).
            return NumpyReduction.median(selecting: &pairSlopes)
        }
    }
}
