import Foundation
import Shared

/// Runs `HarvestKernel.evaluate` over every case of the kernel fixture, `passes` times.
struct KernelBenchmark {
    var fixturePath: String
    var passes: Int

    func run() throws(BenchError) -> BenchResult {
        guard let data = FileManager.default.contents(atPath: fixturePath) else {
            throw .fixture("cannot read \(fixturePath)")
        }
        let cases: [KernelInput]
        do {
            cases = try KernelInput.cases(fromJSON: data).cases
        } catch {
            throw .fixture("\(fixturePath): \(error)")
        }
        guard !cases.isEmpty else { throw .fixture("\(fixturePath) has no cases") }
        var histogram = LatencyHistogram()
        var sink = 0.0
        for input in cases { sink += HarvestKernel.evaluate(input).rNet }
        let start = Monotonic.nanoseconds()
        for _ in 0..<passes {
            for input in cases {
                let before = Monotonic.nanoseconds()
                let decision = HarvestKernel.evaluate(input)
                histogram.record(nanoseconds: Monotonic.nanoseconds() - before)
                sink += decision.killScore.value
            }
        }
        let elapsed = Monotonic.nanoseconds() - start
        BlackHole.consume(sink)
        let count = passes * cases.count
        return BenchResult(
            name: "kernel.evaluate", count: count, latency: histogram.summary(),
            throughput: Double(count) / (Double(elapsed) / 1e9), unit: "eval")
    }
}
