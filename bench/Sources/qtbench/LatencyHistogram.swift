import Histogram

/// Latencies in nanoseconds, kept in an HdrHistogram (three significant digits, up to 60 s).
struct LatencyHistogram {
    private var histogram = Histogram<UInt64>(
        lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)

    /// How many values were recorded.
    var count: UInt64 { histogram.totalCount }

    /// Records one latency; values past 60 s are clamped to 60 s.
    mutating func record(nanoseconds: UInt64) {
        _ = histogram.record(min(max(nanoseconds, 1), 60_000_000_000))
    }

    /// The value at a percentile (0–100), in microseconds.
    func microseconds(atPercentile percentile: Double) -> Double {
        Double(histogram.valueAtPercentile(percentile)) / 1000
    }

    /// The largest recorded value, in microseconds.
    var maxMicroseconds: Double { Double(histogram.max) / 1000 }

    /// The summary a ``BenchResult`` carries.
    func summary() -> BenchResult.Latency {
        BenchResult.Latency(
            p50: microseconds(atPercentile: 50), p90: microseconds(atPercentile: 90),
            p99: microseconds(atPercentile: 99), max: maxMicroseconds)
    }
}
