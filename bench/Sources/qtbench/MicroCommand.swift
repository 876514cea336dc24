import ArgumentParser
import Logging
import Shared

/// `qtbench micro` (the default subcommand): measures the stream round trip, raw Redis commands,
/// the wire codec and the kernel, and prints HdrHistogram percentiles and throughput (one `RESULT`
/// line per benchmark for `bench/run`).
struct MicroCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "micro",
        abstract: "Library micro benchmarks (run through bench/run for the Python comparison).")

    @Option(help: "Redis to use (a throwaway one: the benchmark writes and deletes qtbench:* keys).")
    var redisURL = "redis://127.0.0.1:6379/0"

    @Option(help: "Messages timed one at a time through the StreamConsumer.")
    var streamCount = 5000

    @Option(help: "Messages written first, then drained by a fresh StreamConsumer.")
    var backlog = 20000

    @Option(help: "StreamConsumer batch size (XREADGROUP COUNT).")
    var batchSize = 16

    @Option(help: "Commands per raw Redis benchmark (PING, XADD; sequential and pipelined).")
    var redisCount = 10000

    @Option(help: "Commands per pipelined round trip.")
    var pipeline = 100

    @Option(help: "Plan decodes + result encodes.")
    var codecCount = 100_000

    @Option(help: "Passes over the kernel fixture's cases.")
    var kernelPasses = 100

    @Option(help: "The plan message fixture.")
    var planMessage = "bench/fixtures/plan-message.json"

    @Option(help: "The kernel fixture (cases with inputs).")
    var kernelVectors = "Tests/SharedTests/Fixtures/kernel-vectors.json"

    @Option(help: "Comma-separated benchmarks to run: stream, redis, codec, kernel.")
    var only = "stream,redis,codec,kernel"

    func run() async throws {
        var logger = Logger(label: "qtbench")
        logger.logLevel = .warning
        let selected = Set(only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        let message = try PlanMessage(contentsOf: planMessage)
        let redis = try RedisConfiguration(url: redisURL, key: "--redis-url")
        let client = RedisClient(configuration: redis, name: "qtbench", logger: logger)

        if selected.contains("stream") {
            let benchmark = StreamRoundTripBenchmark(
                redis: redis, producer: client, message: message, count: streamCount, backlog: backlog,
                batchSize: batchSize, logger: logger)
            report(try await benchmark.run())
        }
        if selected.contains("redis") {
            let stream = "qtbench:stream:raw:\(Monotonic.nanoseconds())"
            let benchmark = RedisCommandBenchmark(
                client: client, stream: stream, message: message, count: redisCount, batch: pipeline)
            report(try await benchmark.run())
            try await client.delete(stream)
        }
        if selected.contains("codec") {
            report(try CodecBenchmark(message: message, count: codecCount).run())
        }
        if selected.contains("kernel") {
            report([try KernelBenchmark(fixturePath: kernelVectors, passes: kernelPasses).run()])
        }
        await client.close()
    }

    private func report(_ results: [BenchResult]) {
        for result in results {
            print(result.humanLine)
            print(result.resultLine)
        }
    }
}
