import FoundationEssentials
import Glibc

extension MarketStateEstimator {
    /// dp, vr and the softmax over the trend / mr / chop scores (original-marketstate.md
    /// §1.6–1.8), with every score coefficient and the temperature at their default 1.
    struct RegimeScores {
        var dp: Double
        var vr: Double
        /// s_trend, s_mr, s_chop.
        var scores: [Double]
        /// p_trend, p_mr, p_chop.
        var probabilities: [Double]

        static let varianceRatioLag = 5

        /// - Parameters:
        ///   - returns: the last 256 raw (not winsorised) log returns, oldest first.
        ///   - ts: the trend strength.
        init(returns: [Double], ts: Double) {
            dp = Self.directionalPersistence(returns)
            vr = Self.varianceRatio(returns)
            let excess = abs(vr - 1)
            let sTrend = ts + dp - excess
            let sMR = excess - ts - abs(dp)
            let sChop = (1 - abs(dp)) + (1 - PythonFloat.min(ts, 1)) - excess
            scores = [sTrend, sMR, sChop]
            probabilities = Self.softmax(scores)
        }

        /// Adjacent pairs with equal sign (zero is a sign of its own) over all pairs: k / 255.
        static func directionalPersistence(_ returns: [Double]) -> Double {
            func sign(_ x: Double) -> Double { x > 0 ? 1 : (x < 0 ? -1 : (x == 0 ? 0 : .nan)) }
            var same = 0
            for index in 1..<returns.count where sign(returns[index - 1]) == sign(returns[index]) {
                same += 1
            }
            return Double(same) / Double(returns.count - 1)
        }

        /// Population variance of the overlapping 5-return sums over 5 × the variance of the
        /// returns (+ 1e-12). Each 5-sum is a plain left-to-right sum.
        static func varianceRatio(_ returns: [Double]) -> Double {
            let lag = varianceRatioLag
            let singleVariance = NumpyReduction.variance(returns)
            var sums: [Double] = []
            sums.reserveCapacity(returns.count - lag + 1)
            for start in 0...(returns.count - lag) {
                sums.append(NumpyReduction.sum(Array(returns[start..<(start + lag)])))
            }
            let lagVariance = NumpyReduction.variance(sums)
            return lagVariance / (Double(lag) * singleVariance + MarketStateEstimator.eps)
        }

        /// `scipy.special.softmax`: subtract the max, exponentiate, divide by the sum.
        static func softmax(_ logits: [Double]) -> [Double] {
            let largest = logits.dropFirst().reduce(logits[0]) { $1 > $0 || $1.isNaN ? $1 : $0 }
            let exponentials = logits.map { exp($0 - largest) }
            let total = NumpyReduction.sum(exponentials)
            return exponentials.map { $0 / total }
        }
    }
}
