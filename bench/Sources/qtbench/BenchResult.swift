/// One benchmark's figures: latency percentiles (when the benchmark has per-operation latency)
/// and sustained throughput.
struct BenchResult: Sendable {
    /// Latency percentiles in microseconds.
    struct Latency: Sendable {
        var p50: Double
        var p90: Double
        var p99: Double
        var max: Double
    }

    /// Stable benchmark key shared with the Python baseline (e.g. `stream.roundtrip`).
    var name: String
    /// How many operations were timed.
    var count: Int
    var latency: Latency?
    /// Operations per second over the timed run.
    var throughput: Double
    /// What one operation is (`msg`, `cmd`, `op`, `eval`, `plan`, `cycle`).
    var unit: String
    /// Which side of the comparison measured it (`swift`, or `python` when qtbench drives a Python service).
    var implementation = "swift"

    /// The machine-readable line `bench/run` collects (tab-separated, `-` for no latency).
    var resultLine: String {
        let cells = [latency?.p50, latency?.p90, latency?.p99, latency?.max].map { $0.map(Self.fixed) ?? "-" }
        return (["RESULT", name, implementation, String(count)] + cells + [Self.fixed(throughput), unit])
            .joined(separator: "\t")
    }

    /// A human-readable line.
    var humanLine: String {
        var text = "\(name.padding(20)) n=\(String(count).padding(8))"
        if let latency {
            text += " p50 \(Self.fixed(latency.p50)) µs  p90 \(Self.fixed(latency.p90)) µs"
            text += "  p99 \(Self.fixed(latency.p99)) µs  max \(Self.fixed(latency.max)) µs"
        }
        return text + "  \(Self.fixed(throughput)) \(unit)/s"
    }

    /// Two decimals, without Foundation formatting.
    static func fixed(_ value: Double) -> String {
        let scaled = (value * 100).rounded()
        guard scaled.isFinite, abs(scaled) < 1e17 else { return String(value) }
        let whole = Int(scaled)
        let sign = whole < 0 ? "-" : ""
        let magnitude = abs(whole)
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}

extension String {
    /// Right-pads to a width.
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
