import Logging
import Metrics
import ServiceLifecycle

/// The one implementation of the stream conventions (architecture.md §3), used by every daemon.
///
/// - The group is created at `$` with `MKSTREAM` when missing; an existing group keeps its position.
/// - At start (and after any Redis error) the consumer first re-reads its own pending entries,
///   then `XAUTOCLAIM`s entries idle longer than ``Configuration/claimIdle`` from dead consumers,
///   and repeats the claim periodically.
/// - A message is acknowledged only after its handler returned, i.e. after the effect is durable
///   (one `XACK` per read batch; a crash before it only causes a harmless redelivery).
/// - Poison messages (the handler says so, or delivered more than ``Configuration/maxDeliveries``
///   times) go to the dead-letter stream with stream, id, fields and reason, then are acknowledged.
/// - Reads block for a bounded time; a heartbeat key with a TTL shows the loop is alive.
/// - Redis or dependency outages pause the loop with capped backoff; they never end it.
///
/// It stops after the message in flight when the service group shuts down gracefully (SIGTERM)
/// or the task is cancelled; what was not acknowledged stays pending for the next start.
///
/// `onProgress` is called on every pass of the loop, including passes paused by an outage (a
/// paused loop is alive): a watchdog fed from it catches a loop stuck in a call, not an outage.
package struct StreamConsumer: Service {
    package let configuration: Configuration
    let redis: RedisClient
    let handler: any StreamMessageHandler
    let logger: Logger
    let onProgress: @Sendable () -> Void
    let metrics: StreamConsumerMetrics

    /// Creates a consumer with a Redis connection of its own (its reads block).
    package init(
        configuration: Configuration, redis: RedisConfiguration, handler: any StreamMessageHandler, logger: Logger,
        onProgress: @escaping @Sendable () -> Void = {}
    ) {
        self.configuration = configuration
        self.redis = RedisClient(configuration: redis, name: "\(configuration.service).consumer", logger: logger)
        self.handler = handler
        self.onProgress = onProgress
        self.metrics = StreamConsumerMetrics(stream: configuration.stream, group: configuration.group)
        var logger = logger
        logger[metadataKey: "stream"] = "\(configuration.stream)"
        logger[metadataKey: "group"] = "\(configuration.group)"
        logger[metadataKey: "consumer"] = "\(configuration.consumer)"
        self.logger = logger
    }

    /// True while neither a graceful shutdown nor a cancellation was requested.
    var isRunning: Bool { !Task.isCancelled && !Task.isShuttingDownGracefully }

    package func run() async throws {
        var backoff = configuration.retryBackoff
        while isRunning {
            do {
                try await ensureGroup()
                break
            } catch {
                metrics.redisErrors.increment()
                await pause(&backoff, "consumer group not ready", error)
            }
        }
        var needsRecovery = true
        var lastClaim = ContinuousClock.now
        var lastHeartbeat: ContinuousClock.Instant?
        var lastGroupState: ContinuousClock.Instant?
        var failing = false
        /// The next batch, read while the previous one was handled (see below).
        var readAhead: Task<Result<RedisReply, RedisError>, Never>?
        while isRunning {
            do {
                if needsRecovery {
                    try await recoverOwnPending()
                    try await claimIdleEntries()
                    needsRecovery = false
                    lastClaim = .now
                } else if ContinuousClock.now - lastClaim >= configuration.claimIdle {
                    try await claimIdleEntries()
                    lastClaim = .now
                }
                let reply: RedisReply
                if let next = readAhead {
                    readAhead = nil
                    reply = try await next.value.get()
                } else {
                    reply = try await redis.send(newEntriesRead(blocking: true))
                }
                let entries = try StreamEntries.fromRead(reply)
                if entries.count >= configuration.batchSize {
                    // A full batch means a backlog: the next batch is read (without blocking)
                    // while this one is handled, so the handler does not wait for Redis between
                    // batches. Unacknowledged, it stays pending should anything stop us first.
                    let redis = self.redis
                    let read = newEntriesRead(blocking: false)
                    readAhead = Task {
                        do throws(RedisError) { return .success(try await redis.send(read)) } catch {
                            return .failure(error)
                        }
                    }
                }
                var acks: [String] = []
                try await processBatch(entries, deliveries: [:], acks: &acks)
                try await flush(&acks)
                if lastHeartbeat.map({ ContinuousClock.now - $0 >= .seconds(1) }) ?? true {
                    try await heartbeat()
                    lastHeartbeat = .now
                }
                if lastGroupState.map({ ContinuousClock.now - $0 >= .seconds(10) }) ?? true {
                    try await exportGroupState()
                    lastGroupState = .now
                }
                onProgress()
                if failing { logger.info("stream consumption resumed") }
                failing = false
                backoff.reset()
            } catch {
                metrics.redisErrors.increment()
                if case .server(let message) = error, message.hasPrefix("NOGROUP") {
                    logger.warning("consumer group vanished; creating it again at $")
                    try? await ensureGroup()
                }
                if !failing { logger.warning("stream consumption paused", metadata: ["error": "\(error)"]) }
                failing = true
                // Entries a read-ahead fetched stay pending; the recovery re-reads them.
                readAhead = nil
                needsRecovery = true
                await gracefulSleep(for: backoff.next())
                onProgress()
            }
        }
        logger.info("stream consumer stopped")
    }

    /// `XREADGROUP … COUNT batchSize [BLOCK blockTime] STREAMS stream >`.
    func newEntriesRead(blocking: Bool) -> [String] {
        ["XREADGROUP", "GROUP", configuration.group, configuration.consumer, "COUNT", String(configuration.batchSize)]
            + (blocking ? ["BLOCK", String(configuration.blockTime.wholeMilliseconds)] : [])
            + ["STREAMS", configuration.stream, ">"]
    }

    /// Exports the group's pending count and lag (`XINFO GROUPS`) as gauges, for dashboards and alerts.
    func exportGroupState() async throws(RedisError) {
        for entry in try await redis.checked(["XINFO", "GROUPS", configuration.stream]).array ?? [] {
            let values = Dictionary(entry.pairs, uniquingKeysWith: { $1 })
            guard values["name"] == configuration.group else { continue }
            if let pending = values["pending"].flatMap(Int.init) { metrics.pending.record(pending) }
            let lag = try await redis.streamGroupLag(
                stream: configuration.stream, reported: values["lag"].flatMap(Int.init),
                lastDeliveredID: values["last-delivered-id"])
            if let lag { metrics.lag.record(lag) }
        }
    }

    /// Creates the group at `$` with `MKSTREAM` unless it exists (then its position is kept).
    package func ensureGroup() async throws(RedisError) {
        let reply = try await redis.send([
            "XGROUP", "CREATE", configuration.stream, configuration.group, "$", "MKSTREAM",
        ])
        switch reply {
        case .error(let message) where message.hasPrefix("BUSYGROUP"):
            logger.debug("consumer group exists; keeping its position")
        case .error(let message):
            throw .server(message)
        default:
            logger.info("consumer group created at $")
        }
    }

    /// Creates or checks the group, retrying with backoff while Redis is unreachable (start-up:
    /// groups exist before the daemon reports ready).
    package func ensureGroupWhenReachable(health: HealthState? = nil) async throws {
        var backoff = configuration.retryBackoff
        while isRunning {
            do {
                try await ensureGroup()
                health?.set("redis", healthy: true)
                return
            } catch {
                health?.set("redis", healthy: false, detail: "\(error)")
                await pause(&backoff, "waiting for redis to create the consumer group", error)
            }
        }
        throw CancellationError()
    }

    /// Waits out one backoff step while a dependency is down, logging the first failure.
    func pause(_ backoff: inout Backoff, _ message: Logger.Message, _ error: any Error) async {
        if backoff.failures == 0 { logger.warning(message, metadata: ["error": "\(error)"]) }
        await gracefulSleep(for: backoff.next())
    }
}
