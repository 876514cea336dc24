import Logging
import ServiceLifecycle

/// What every daemon sets up the same way: environment, logging to stderr, Prometheus metrics,
/// `/metrics` + `/healthz`, systemd notify and watchdog, and one `ServiceGroup` that shuts down
/// gracefully on SIGTERM and SIGINT.
package struct DaemonRuntime: Sendable {
    package let service: String
    package let environment: EnvironmentReader
    package let logger: Logger
    package let health: HealthState
    package let notifier: SystemdNotifier
    package let watchdog: WatchdogService
    package let metrics: MetricsServer.Configuration

    /// Bootstraps logging and metrics for the process. Call once, from a `run` command.
    ///
    /// Reads `LOG_LEVEL`, `METRICS_ADDR`, `METRICS_PORT` (see ``LoggingSetup`` and ``MetricsServer``).
    package static func bootstrap(service: String, defaultMetricsPort: UInt16) throws(ConfigurationError)
        -> DaemonRuntime
    {
        // One malloc arena: a daemon's threads (cooperative pool, Redis, PostgreSQL and curl queues)
        // otherwise each keep an arena's worth of freed pages (MallocArenas.swift).
        MallocArenas.limit(to: 1)
        let environment = EnvironmentReader()
        let logger = try LoggingSetup.bootstrap(service: service, environment: environment)
        PrometheusExport.bootstrap()
        let notifier = SystemdNotifier()
        return DaemonRuntime(
            service: service, environment: environment, logger: logger, health: HealthState(), notifier: notifier,
            watchdog: WatchdogService(notifier: notifier),
            metrics: try MetricsServer.Configuration(environment: environment, defaultPort: defaultMetricsPort))
    }

    /// Runs `prepare` (create groups, migrate; it should retry outages itself), reports `READY=1`,
    /// then runs `services` beside the metrics endpoint and the watchdog until SIGTERM/SIGINT.
    package func run(
        services: [any Service], prepare: @Sendable () async throws -> Void = {}
    ) async throws {
        let metricsServer = MetricsServer(configuration: metrics, health: health, service: service, logger: logger)
        let configuration = ServiceGroupConfiguration(
            services: [ServiceGroupConfiguration.ServiceConfiguration(service: metricsServer)]
                + [ServiceGroupConfiguration.ServiceConfiguration(service: watchdog)]
                + services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        let group = ServiceGroup(configuration: configuration)
        try await prepare()
        notifier.ready(status: "\(service) running")
        logger.info("started", metadata: ["service": "\(service)"])
        do {
            try await group.run()
        } catch {
            notifier.stopping()
            throw error
        }
        notifier.stopping()
        logger.info("stopped", metadata: ["service": "\(service)"])
    }
}
