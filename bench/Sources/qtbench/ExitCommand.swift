import ArgumentParser
import Logging
import Shared

/// `qtbench exit`: exitbrain's evaluation cycle over many positions (see ``ExitCycleBenchmark``).
struct ExitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exit",
        abstract: "exitbrain's cycle time over N synthetic positions, with the real Redis reads and writes.",
        discussion: """
            Runs ExitEvaluator.cycle (the daemon's code) against an in-memory exchange that lists N positions \
            on synthetic symbols QTB0000USDT… with 600 one-minute candles each, and the given Redis. Writes and \
            afterwards deletes quantum:position:, quantum:exitbrain:state:, quantum:marketstate: and \
            quantum:harvest:proposal: keys of those symbols, and --plan-stream. Exchange calls cost no network \
            time here; the notes say how many a real cycle would make.
            """)

    @Option(help: "Redis (a throwaway one).")
    var redisURL = "redis://127.0.0.1:6379/0"

    @Option(help: "Open positions to evaluate.")
    var positions = 1000

    @Option(help: "Warm cycles timed (twice: own market state, then fresh market-state hashes).")
    var cycles = 10

    @Option(help: "Where the cycles' plans go (deleted afterwards).")
    var planStream = "qtbench:exit:plans"

    func run() async throws {
        guard positions > 0, cycles > 0 else { throw ValidationError("--positions and --cycles must be positive") }
        var logger = Logger(label: "qtbench")
        logger.logLevel = .error
        let redis = RedisClient(
            configuration: try RedisConfiguration(url: redisURL, key: "--redis-url"),
            name: "qtbench-exit", logger: logger)
        let benchmark = ExitCycleBenchmark(
            redis: redis, positions: positions, cycles: cycles, planStream: planStream,
            logger: logger)
        let report = try await benchmark.run()
        for note in report.notes { print("NOTE\t\(note)") }
        for result in report.results {
            print(result.humanLine)
            print(result.resultLine)
        }
        await redis.close()
    }
}
