import ArgumentParser
import FoundationEssentials
import Shared

/// `exitbrain run`: the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the exit-decision daemon (publishes exit plans to quantum:stream:apply.plan).",
        discussion: """
            Every interval it reads the open positions from the exchange (the truth), their \
            quantum:position:{SYM} metadata (open time, stop), the peak and trough it keeps per position in \
            quantum:exitbrain:state:{SYM}, and market state (a fresh quantum:marketstate:{SYM} hash, else \
            computed from 1-minute klines), runs the original kernel, and publishes a harvest-shape plan only \
            when the decision for a position changes. No position, no data: no plan, and a log line and \
            exitbrain_skips_total{reason} say why. It never invents a position.
            Settings (environment; example: ops/env/exitbrain.env):
              EXITBRAIN_INTERVAL_SEC (10), EXITBRAIN_SHADOW (false: plans to quantum:stream:apply.plan.shadow,
              no proposal hash), EXITBRAIN_PLAN_STREAM, EXITBRAIN_SHADOW_STREAM, EXITBRAIN_WRITE_PROPOSALS (true),
              EXITBRAIN_MARKETSTATE_MAX_AGE_SEC (120), EXITBRAIN_SYMBOLS (all), EXITBRAIN_SHARD (0/1),
              EXITBRAIN_POLICY_REFRESH_SEC (60), EXITBRAIN_REPROPOSE_SEC (300), KERNEL_<PARAM> (e.g. KERNEL_T1_R),
              EXCHANGE_MODE (paper), BINANCE_BASE_URL, BINANCE_API_KEY, BINANCE_API_SECRET,
              REDIS_URL (or REDIS_HOST/REDIS_PORT), LOG_LEVEL, METRICS_ADDR, METRICS_PORT (9611),
              STREAM_CONSUMER_NAME ({host}:exitbrain, used in the heartbeat key)
            The Python policy hash quantum:policy:current (harvest_params, kill_params) overrides the kernel \
            parameters until its valid_until_epoch; it is re-read every EXITBRAIN_POLICY_REFRESH_SEC.
            Exit codes: 0 stopped by SIGTERM/SIGINT, 78 bad setting.
            """
    )

    func run() async throws {
        let (runtime, service) = try ExitStatus.configuring("exitbrain run") {
            () throws -> (DaemonRuntime, ExitBrainService) in
            let runtime = try DaemonRuntime.bootstrap(service: "exitbrain", defaultMetricsPort: 9611)
            let env = runtime.environment
            let configuration = try ExitConfiguration(environment: env)
            let exchange = BinanceFuturesClient(
                configuration: try BinanceFuturesClient.Configuration(environment: env.values),
                logger: runtime.logger)
            let redis = RedisClient(
                configuration: try RedisConfiguration(environment: env), name: "exitbrain",
                logger: runtime.logger)
            let evaluator = ExitEvaluator(
                configuration: configuration, exchange: exchange, redis: redis, logger: runtime.logger)
            let watchdog = runtime.watchdog
            runtime.logger.info(
                "exitbrain configured",
                metadata: [
                    "stream": "\(configuration.targetStream)", "shadow": "\(configuration.shadow)",
                    "shard": "\(configuration.shard)/\(configuration.shardCount)",
                    "exchange": "\(exchange.configuration.baseURL)",
                ])
            return (
                runtime,
                ExitBrainService(
                    evaluator: evaluator, redis: redis,
                    consumer: ConsumerName.resolve(service: "exitbrain", environment: env),
                    health: runtime.health, onProgress: { watchdog.progress() })
            )
        }
        try await runtime.run(services: [service])
    }
}
