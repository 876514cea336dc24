import Foundation
import Logging
import Shared

/// exitbrain's evaluation cycle (`ExitEvaluator.cycle`, the code the daemon runs every interval)
/// over `positions` open positions on a ``SyntheticExchange``, with every Redis read and write
/// against the real Redis: position hashes (written here first, as applylayer would), the
/// per-position state, market-state hashes, plans and proposal hashes.
///
/// Three figures: the cold cycle (no state yet: 500 candles fetched and estimated per symbol,
/// the first plans published), warm cycles (the steady state: state read back; our own
/// market-state hash is not trusted, but the estimate is reused from memory until a new candle
/// closes, and no klines call is made before one can have closed), and warm cycles with a fresh
/// market-state hash from another writer per symbol (the kernel reads it and no klines are
/// fetched). Exchange calls are in memory here: a real cycle adds their HTTP time.
struct ExitCycleBenchmark {
    var redis: RedisClient
    var positions: Int
    var cycles: Int
    var planStream: String
    var logger: Logger

    /// Per-figure results and the calls one warm cycle made.
    struct Report {
        var results: [BenchResult]
        var notes: [String]
    }

    func run() async throws -> Report {
        let exchange = SyntheticExchange(count: positions)
        var configuration = ExitConfiguration()
        configuration.planStream = planStream
        let evaluator = ExitEvaluator(configuration: configuration, exchange: exchange, redis: redis, logger: logger)
        try await cleanUp(exchange.symbols)
        try await writePositionHashes(exchange)
        var notes: [String] = []
        let commandsBefore = try await commandsProcessed()

        let cold = Monotonic.nanoseconds()
        let decisions = try await evaluator.cycle()
        let coldNanoseconds = Monotonic.nanoseconds() - cold
        let coldCalls = exchange.takeCalls()
        let coldCommands = try await commandsProcessed() - commandsBefore
        let plans = try await redis.checked(["XLEN", planStream]).integer ?? 0
        notes.append(
            "cold cycle: \(decisions.count) decisions, \(plans) plans published, exchange calls \(Self.describe(coldCalls)), ≈\(coldCommands) Redis commands"
        )

        let warm = try await timedCycles(evaluator)
        let warmCalls = exchange.takeCalls()
        notes.append(
            "warm cycle: exchange calls \(Self.describe(warmCalls, per: cycles)), ≈\(warm.commands / cycles) Redis commands per cycle"
        )

        try await writeMarketStateHashes(exchange.symbols)
        let hashed = try await timedCycles(evaluator)
        let hashedCalls = exchange.takeCalls()
        notes.append(
            "warm cycle with fresh market-state hashes: exchange calls \(Self.describe(hashedCalls, per: cycles)), ≈\(hashed.commands / cycles) Redis commands per cycle"
        )

        try await cleanUp(exchange.symbols)
        var coldHistogram = LatencyHistogram()
        coldHistogram.record(nanoseconds: coldNanoseconds)
        return Report(
            results: [
                result("exit.cycle.cold", coldHistogram, count: 1),
                result("exit.cycle.warm", warm.histogram, count: cycles),
                result("exit.cycle.hash", hashed.histogram, count: cycles),
            ], notes: notes)
    }

    private func result(_ name: String, _ histogram: LatencyHistogram, count: Int) -> BenchResult {
        let latency = histogram.summary()
        return BenchResult(
            name: name, count: count, latency: latency,
            throughput: latency.p50 > 0 ? 1e6 / latency.p50 : 0, unit: "cycle")
    }

    private func timedCycles(_ evaluator: ExitEvaluator) async throws -> (histogram: LatencyHistogram, commands: Int) {
        var histogram = LatencyHistogram()
        let before = try await commandsProcessed()
        for _ in 0..<cycles {
            let start = Monotonic.nanoseconds()
            try await evaluator.cycle()
            histogram.record(nanoseconds: Monotonic.nanoseconds() - start)
        }
        // Minus the INFO calls themselves; other clients of the same Redis (idle daemons) add a few.
        return (histogram, try await commandsProcessed() - before - 1)
    }

    /// What applylayer writes for an open position: `quantum:position:{SYM}`.
    private func writePositionHashes(_ exchange: SyntheticExchange) async throws {
        let now = Date().timeIntervalSince1970
        var commands: [[String]] = []
        for (index, row) in exchange.positions.enumerated() {
            var hash = PositionHash(
                symbol: row.symbol, side: row.positionAmount > 0 ? .long : .short,
                quantity: abs(row.positionAmount))
            hash.entryPrice = row.entryPrice
            hash.leverage = 10
            hash.planID = "qtb-entry-\(index)"
            hash.createdAt = now - Double(index % 720) * 60
            hash.updatedAt = hash.createdAt
            hash.source = "qtbench"
            hash.riskMissing = true
            commands.append(["HSET", ApplyKeys.position(row.symbol)] + hash.encode().flatMap { [$0.0, $0.1] })
        }
        try await pipelined(commands)
    }

    /// A market-state publisher's fresh hash per symbol (no `writer=exitbrain`), so the kernel uses it.
    private func writeMarketStateHashes(_ symbols: [String]) async throws {
        let now = Int(Date().timeIntervalSince1970)
        var commands: [[String]] = []
        for (index, symbol) in symbols.enumerated() {
            let spread = Double(index % 10) / 10
            let hash = MarketStateHash(
                sigma: 0.004 + spread * 0.01, mu: 0.0001, ts: 0.2 + spread * 0.3,
                pTrend: 0.3 + spread * 0.4, pMr: 0.3, pChop: 0.4 - spread * 0.3, dp: 0.01,
                vr: 1.0, spikeProxy: 0.2, timestamp: now + 3600, bufferSize: 500)
            commands.append(["DEL", MarketDataSource.key(symbol)])  // drops our own cache's writer=exitbrain
            commands.append(["HSET", MarketDataSource.key(symbol)] + hash.encode().flatMap { [$0.0, $0.1] })
        }
        try await pipelined(commands)
    }

    /// Deletes every key the cycles wrote for the synthetic symbols, and the plan stream.
    private func cleanUp(_ symbols: [String]) async throws {
        var commands: [[String]] = [["DEL", planStream]]
        for symbol in symbols {
            commands.append([
                "DEL", ApplyKeys.position(symbol), ExitPositionState.key(symbol),
                MarketDataSource.key(symbol), "quantum:harvest:proposal:\(symbol)",
            ])
        }
        try await pipelined(commands)
    }

    private func pipelined(_ commands: [[String]]) async throws {
        var start = 0
        while start < commands.count {
            let chunk = Array(commands[start..<min(start + 500, commands.count)])
            for reply in try await redis.pipeline(chunk) {
                if case .error(let message) = reply { throw BenchError.redis(message) }
            }
            start += chunk.count
        }
    }

    private func commandsProcessed() async throws -> Int {
        let info = try await redis.checked(["INFO", "stats"]).string ?? ""
        let line = info.split(whereSeparator: \.isNewline).first { $0.hasPrefix("total_commands_processed:") }
        return line.flatMap { Int($0.split(separator: ":")[1]) } ?? 0
    }

    private static func describe(_ calls: [String: Int], per cycles: Int = 1) -> String {
        calls.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value / max(cycles, 1))" }.joined(separator: ", ")
    }
}
