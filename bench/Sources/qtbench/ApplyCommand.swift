import ArgumentParser
import Foundation
import Logging
import Shared

/// `qtbench apply`: plan→result latency and rate of a running plan executor (applylayer against
/// paperexchange, or `bench/python/apply_loop.py`), measured from outside through its streams.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Plan→result latency and sustained plans/s of a running applylayer (or the Python baseline).",
        discussion: """
            XADDs flat close plans (side=CLOSE, reduceOnly=true, a fixed qty per symbol) to --plan-stream and \
            reads --result-stream; latency = XADD issued → the XREAD that returns the matching result (by plan_id). \
            The executor must hold positions large enough for every close. Prints a RESULT line and an outcome line.
            """)

    @Option(help: "Redis the executor reads plans from.")
    var redisURL = "redis://127.0.0.1:6379/0"

    @Option(help: "Where the plans go.")
    var planStream = "quantum:stream:apply.plan"

    @Option(help: "Where the executor answers.")
    var resultStream = "quantum:stream:apply.result"

    @Option(help: "paced (fixed --rate) or window (--window plans outstanding: the sustained rate).")
    var mode = "paced"

    @Option(help: "Plans per second in paced mode.")
    var rate = 200.0

    @Option(help: "Plans timed (after the warm-up).")
    var count = 3000

    @Option(help: "Plans sent first and not timed.")
    var warmup = 200

    @Option(help: "Plans outstanding in window mode.")
    var window = 64

    @Option(help: "SYMBOL=QTY,…: symbols the close plans cycle through and the quantity each closes.")
    var symbols = "BTCUSDT=0.001,ETHUSDT=0.01,SOLUSDT=1,DOGEUSDT=100,ANKRUSDT=100"

    @Option(help: "Seconds to wait for outstanding results.")
    var timeout = 30.0

    @Option(help: "The RESULT line's benchmark name.")
    var name = "apply.paced"

    @Option(help: "The RESULT line's implementation column (swift or python).")
    var implementation = "swift"

    func run() async throws {
        guard let mode = ApplyLatencyBenchmark.Mode(rawValue: mode) else {
            throw ValidationError("--mode must be paced or window")
        }
        let parsed: [(symbol: String, qty: Decimal)] = try symbols.split(separator: ",").map { item in
            let parts = item.split(separator: "=")
            guard parts.count == 2, let qty = Decimal(string: String(parts[1])), qty > 0 else {
                throw ValidationError("--symbols: expected SYMBOL=QTY, got \(item)")
            }
            return (String(parts[0]).uppercased(), qty)
        }
        guard !parsed.isEmpty, rate > 0, count > 0, window > 0 else { throw ValidationError("empty run") }
        var logger = Logger(label: "qtbench")
        logger.logLevel = .warning
        let redis = try RedisConfiguration(url: redisURL, key: "--redis-url")
        let sender = RedisClient(configuration: redis, name: "qtbench-send", logger: logger)
        let reader = RedisClient(configuration: redis, name: "qtbench-read", logger: logger)
        let benchmark = ApplyLatencyBenchmark(
            sender: sender, reader: reader, planStream: planStream, resultStream: resultStream, symbols: parsed,
            mode: mode, count: count, warmup: warmup, rate: rate, window: window, timeout: timeout, name: name,
            implementation: implementation)
        let (result, outcomes) = try await benchmark.execute()
        print(result.humanLine)
        print("OUTCOME\t\(name)\t\(implementation)\t\(outcomes.summary)")
        print(result.resultLine)
        await sender.close()
        await reader.close()
    }
}
