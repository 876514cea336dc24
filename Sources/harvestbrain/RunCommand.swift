import ArgumentParser
import FoundationEssentials
import Shared

/// `harvestbrain run`: the ledger daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the ledger daemon: apply.result → PostgreSQL.",
        discussion: """
            Settings come from the environment (systemd EnvironmentFile; example: ops/env/harvest-brain.env):
              DATABASE_URL (required): postgresql://user[:password]@host:port/database
              HARVEST_RESULT_STREAM (quantum:stream:apply.result), HARVEST_GROUP (harvest_brain:execution),
              HARVEST_EXCHANGE (binance_usdm): the exchange name the ledger's unique keys use
              REDIS_URL (or REDIS_HOST/REDIS_PORT), LOG_LEVEL, METRICS_ADDR, METRICS_PORT (9613),
              STREAM_MAX_DELIVERIES (10), STREAM_CLAIM_IDLE_MS (60000), STREAM_CONSUMER_NAME ({host}:harvestbrain),
              STREAM_BATCH (2000 for harvestbrain): results read at a time, recorded in transactions of 500
              LEDGER_WRITERS (2, 1-8): PostgreSQL connections a read batch is written over at once, split by symbol
            Pending migrations are applied at start. While PostgreSQL is down consumption pauses (messages stay \
            pending) and resumes where it stood. Exit codes: 0 stopped by SIGTERM/SIGINT, 78 bad setting.
            """
    )

    /// harvestbrain's `STREAM_BATCH` default (the other consumers read 16): four ledger
    /// transactions of 500 per read, the next decoded while one is written. On a quiet 2-core
    /// machine reads of 2,000 drained 5,300–5,400 results/s against 4,900 for 1,000 and 4,300–4,600
    /// for 500 (peak RSS 55–72, 52 and 37–41 MB; bench/RESULTS.md, fifth session).
    static let defaultBatchSize = 2000

    /// harvestbrain's `LEDGER_WRITERS` default: two connections write the parts of a read batch
    /// (split by symbol) at the same time, so PostgreSQL's work for one symbol overlaps another's
    /// instead of the one backend being the whole drain's critical path (bench/RESULTS.md).
    static let defaultWriters = 2

    func run() async throws {
        let (runtime, consumer, migrator) = try ExitStatus.configuring("harvestbrain run") {
            () throws -> (DaemonRuntime, StreamConsumer, LedgerMigrator) in
            let runtime = try DaemonRuntime.bootstrap(service: "harvestbrain", defaultMetricsPort: 9613)
            let env = runtime.environment
            let postgres = try PostgresConfiguration(environment: env)
            let database = PostgresClient(configuration: postgres, name: "ledger", logger: runtime.logger)
            let redis = try RedisConfiguration(environment: env)
            var consumerConfiguration = try StreamConsumer.Configuration(
                stream: env.string("HARVEST_RESULT_STREAM", default: "quantum:stream:apply.result"),
                group: env.string("HARVEST_GROUP", default: "harvest_brain:execution"),
                service: "harvestbrain", environment: env)
            // A read batch is recorded in ledger transactions of 500 (a larger one in several, the
            // next decoded while one is written): larger batches than the consumers' default 16 cut
            // the per-result cost of a backlog drain (bench/RESULTS.md).
            consumerConfiguration.batchSize = try env.int(
                "STREAM_BATCH", default: Self.defaultBatchSize, range: 1...10_000)
            let writers = try env.int("LEDGER_WRITERS", default: Self.defaultWriters, range: 1...8)
            let moreWriters = (1..<writers).map { number in
                LedgerStore(
                    database: PostgresClient(
                        configuration: postgres, name: "ledger-\(number + 1)",
                        logger: runtime.logger))
            }
            let recorder = ResultRecorder(
                store: LedgerStore(database: database), moreWriters: moreWriters,
                exchange: env.string("HARVEST_EXCHANGE", default: "binance_usdm"),
                logger: runtime.logger, health: runtime.health)
            let watchdog = runtime.watchdog
            let consumer = StreamConsumer(
                configuration: consumerConfiguration, redis: redis, handler: recorder,
                logger: runtime.logger, onProgress: { watchdog.progress() })
            return (runtime, consumer, LedgerMigrator(database: database, logger: runtime.logger))
        }
        try await runtime.run(services: [consumer]) {
            try await migrator.migrateWhenReachable(health: runtime.health)
            try await consumer.ensureGroupWhenReachable(health: runtime.health)
        }
    }
}
