/// numpy's float64 reductions, reproduced operation for operation so the market-state
/// estimator matches the original bit for bit (original-marketstate.md §1.10).
enum NumpyReduction {
    /// `np.sum`: numpy's pairwise summation (blocks of 8 accumulators up to 128 elements,
    /// halves split at a multiple of 8 above that).
    static func sum(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { pairwiseSum($0) }
    }

    private static func pairwiseSum(_ a: UnsafeBufferPointer<Double>) -> Double {
        let n = a.count
        if n < 8 {
            // numpy starts this short loop at -0.0 so that a sum of -0.0 stays -0.0.
            var result = -0.0
            for value in a { result += value }
            return result
        }
        if n <= 128 {
            var r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3]
            var r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7]
            var i = 8
            while i < n - n % 8 {
                r0 += a[i]
                r1 += a[i + 1]
                r2 += a[i + 2]
                r3 += a[i + 3]
                r4 += a[i + 4]
                r5 += a[i + 5]
                r6 += a[i + 6]
                r7 += a[i + 7]
                i += 8
            }
            var result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while i < n {
                result += a[i]
                i += 1
            }
            return result
        }
        var half = n / 2
        half -= half % 8
        return pairwiseSum(UnsafeBufferPointer(rebasing: a[0..<half]))
            + pairwiseSum(UnsafeBufferPointer(rebasing: a[half..<n]))
    }

    /// `np.mean`: the pairwise sum divided by the count.
    static func mean(_ values: [Double]) -> Double {
        sum(values) / Double(values.count)
    }

    /// `np.var` (ddof 0): mean of `(x − mean)·(x − mean)`, both sums pairwise.
    static func variance(_ values: [Double]) -> Double {
        let mean = mean(values)
        let squares = values.map { value -> Double in
            let deviation = value - mean
            return deviation * deviation
        }
        return sum(squares) / Double(values.count)
    }

    /// `np.quantile(x, q)` with the default "linear" method (Hyndman–Fan type 7), on values
    /// already sorted ascending; numpy's lerp takes the upper point when the fraction ≥ 0.5.
    static func quantile(sorted: [Double], _ q: Double) -> Double {
        let n = sorted.count
        let virtualIndex = Double(n - 1) * q
        if virtualIndex >= Double(n - 1) { return sorted[n - 1] }
        let lower = virtualIndex.rounded(.down)
        let gamma = virtualIndex - lower
        let a = sorted[Int(lower)]
        let b = sorted[Int(lower) + 1]
        let difference = b - a
        return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
    }

    /// `np.median` on values already sorted ascending: the middle value, or the mean of the two
    /// middle values `(a + b) / 2`.
    /// numpy's `median` of `values`, found by selection (O(n) on average) instead of a full sort:
    /// the same element(s) a sort would put in the middle, so the same bits. Reorders `values`.
    static func median(selecting values: inout [Double]) -> Double {
        let n = values.count
        let upper = n / 2
        select(&values, upper)
        if n % 2 == 1 { return values[upper] }
        var lower = values[0]
        for index in 1..<upper where values[index] > lower { lower = values[index] }
        return (lower + values[upper]) / 2
    }

    /// Reorders `values` so that `values[k]` is the k-th smallest, everything before it no greater
    /// and everything after it no smaller (Hoare partitioning, median-of-three pivot).
    static func select(_ values: inout [Double], _ k: Int) {
        var low = 0, high = values.count - 1
        while high > low {
            let mid = low + (high - low) / 2
            if values[mid] < values[low] { values.swapAt(mid, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[mid] { values.swapAt(high, mid) }
            let pivot = values[mid]
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return
            }
        }
    }

    static func median(sorted: [Double]) -> Double {
        let n = sorted.count
        if n % 2 == 1 { return sorted[n / 2] }
        return (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// `np.clip(x, low, high)`: `minimum(maximum(x, low), high)`, NaN propagating.
    static func clip(_ x: Double, _ low: Double, _ high: Double) -> Double {
        if x.isNaN { return x }
        return x < low ? low : (x > high ? high : x)
    }
}
