import ArgumentParser
import FoundationEssentials
import Logging
import Shared

/// `exitbrain compare`: our decision beside the Python publisher's proposal, per symbol.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract:
            "Evaluate every open position once (publishing nothing) and show our decision beside the Python proposal hash.",
        discussion: """
            For shadowing: run exitbrain with EXITBRAIN_SHADOW=true next to the Python publisher, then compare. \
            Reads the same settings as `exitbrain run`. Exit codes: 0 every symbol agrees on the action, 1 some \
            differ, 69 the exchange or Redis cannot be read, 78 bad setting.
            """
    )

    func run() async throws {
        let env = EnvironmentReader()
        var logger = Logger(label: "exitbrain.compare")
        logger.logLevel = .error
        let (evaluator, redis) = try ExitStatus.configuring("exitbrain compare") {
            () throws -> (ExitEvaluator, RedisClient) in
            let redis = RedisClient(
                configuration: try RedisConfiguration(environment: env), name: "compare", logger: logger)
            let exchange = BinanceFuturesClient(
                configuration: try BinanceFuturesClient.Configuration(environment: env.values),
                logger: logger)
            return (
                ExitEvaluator(
                    configuration: try ExitConfiguration(environment: env), exchange: exchange, redis: redis,
                    logger: logger), redis
            )
        }
        let decisions: [ExitDecision]
        do {
            decisions = try await evaluator.cycle(publish: false)
        } catch {
            throw ExitStatus.fail("exitbrain compare: \(error)", code: ExitStatus.unavailable)
        }
        var differ = 0
        print("symbol      ours                  K         python                K         agree")
        for decision in decisions.sorted(by: { $0.symbol < $1.symbol }) {
            let theirs = (try? await redis.hashGetAll("quantum:harvest:proposal:\(decision.symbol)")) ?? [:]
            let theirAction = theirs["harvest_action"] ?? "-"
            let agree = theirAction == decision.action.rawValue
            if !agree { differ += 1 }
            let ours = decision.action.rawValue.padded(to: 22)
            let k = CFormat.string("%.6f", decision.kernel.killScore.value)
            print(
                "\(decision.symbol.padded(to: 12))\(ours)\(k)  \(theirAction.padded(to: 22))\((theirs["kill_score"] ?? "-").prefix(8).padded(to: 10))\(agree ? "yes" : "NO")"
            )
        }
        if decisions.isEmpty { print("no open positions to compare") }
        if differ > 0 { throw ExitCode(1) }
    }
}
