import ArgumentParser
import FoundationEssentials
import Shared

/// `applylayer run`: the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the apply layer daemon.",
        discussion: """
            Settings come from the environment (systemd EnvironmentFile; example: ops/env/apply-layer.env):
              APPLY_MODE paper|dry_run|testnet|live (default paper; live needs APPLY_LIVE_CONFIRM=yes)
              APPLY_MAX_PLAN_AGE_SEC (120), APPLY_RECONCILE_SEC (30), APPLY_ENTRY_COOLDOWN_SEC (600),
              APPLY_EXIT_COOLDOWN_SEC (600), APPLY_ALLOWLIST (all), APPLY_MAX_POSITIONS (10),
              APPLY_MAX_NOTIONAL_USDT (5000), APPLY_KILL_BLOCKS_CLOSES (false), APPLY_SYMBOL_LEASE_MS (15000),
              APPLY_PLAN_STREAM, APPLY_RESULT_STREAM, APPLY_GROUP, APPLY_RESULT_MAXLEN (10000), APPLY_DONE_TTL_SEC
              BINANCE_BASE_URL, BINANCE_API_KEY, BINANCE_API_SECRET (or BINANCE_TESTNET_API_KEY/_SECRET)
              REDIS_URL (or REDIS_HOST/REDIS_PORT), LOG_LEVEL, METRICS_ADDR, METRICS_PORT (9612),
              STREAM_MAX_DELIVERIES (10), STREAM_CLAIM_IDLE_MS (60000), STREAM_CONSUMER_NAME ({host}:applylayer)
            In dry_run it reads from its own group (apply_layer_shadow), answers on apply.result.shadow and \
            never sends an order or writes a key other services read.
            Exit codes: 0 stopped by SIGTERM/SIGINT, 78 bad setting (named in the message).
            """
    )

    func run() async throws {
        let (runtime, consumer, reconciler) = try ExitStatus.configuring("applylayer run") {
            () throws -> (DaemonRuntime, StreamConsumer, PositionReconciler) in
            let runtime = try DaemonRuntime.bootstrap(service: "applylayer", defaultMetricsPort: 9612)
            let env = runtime.environment
            let apply = try ApplyConfiguration(environment: env)
            let redisConfiguration = try RedisConfiguration(environment: env)
            let exchange = BinanceFuturesClient(
                configuration: try BinanceFuturesClient.Configuration(environment: env.values, mode: apply.mode),
                logger: runtime.logger)
            let consumerConfiguration = try StreamConsumer.Configuration(
                stream: apply.planStream, group: apply.group, service: "applylayer", environment: env)
            let redis = RedisClient(configuration: redisConfiguration, name: "applylayer", logger: runtime.logger)
            let executor = PlanExecutor(
                configuration: apply, consumer: consumerConfiguration.consumer, redis: redis,
                exchange: exchange, logger: runtime.logger)
            let watchdog = runtime.watchdog
            let consumer = StreamConsumer(
                configuration: consumerConfiguration, redis: redisConfiguration,
                handler: executor, logger: runtime.logger, onProgress: { watchdog.progress() })
            let reconciler = PositionReconciler(
                configuration: apply, redis: redis, exchange: exchange,
                logger: runtime.logger, health: runtime.health)
            runtime.logger.info(
                "applylayer configured",
                metadata: [
                    "mode": "\(apply.mode.rawValue)", "stream": "\(apply.planStream)", "group": "\(apply.group)",
                    "results": "\(apply.resultStream)", "exchange": "\(exchange.configuration.baseURL)",
                ])
            return (runtime, consumer, reconciler)
        }
        try await runtime.run(services: [consumer, reconciler]) {
            try await consumer.ensureGroupWhenReachable(health: runtime.health)
        }
    }
}
