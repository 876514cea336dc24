extension StreamConsumer {
    /// Where to read and how the conventions are tuned.
    package struct Configuration: Sendable {
        /// The stream to consume, e.g. `quantum:stream:apply.plan`.
        package var stream: String
        /// The consumer group, e.g. `apply_layer_entry`.
        package var group: String
        /// This consumer's stable name (see ``ConsumerName``).
        package var consumer: String
        /// The service name used in the heartbeat key and metrics.
        package var service: String
        /// Entries fetched per read.
        package var batchSize = 16
        /// `BLOCK` time of a read; keep it below the Redis command timeout.
        package var blockTime: Duration = .seconds(2)
        /// Entries idle this long in another consumer's pending list are claimed.
        package var claimIdle: Duration = .seconds(60)
        /// A message delivered more often than this is dead-lettered (not counting in-process
        /// retries while a dependency is down).
        package var maxDeliveries = 10
        /// Where poison messages go.
        package var deadLetterStream = "quantum:stream:deadletter"
        /// Approximate cap on the dead-letter stream.
        package var deadLetterMaxLength = 100_000
        /// Heartbeat key TTL; the key is refreshed at most once a second while the loop runs.
        package var heartbeatTTLSeconds = 30
        /// Capped exponential backoff used while Redis or the handler's dependency is down.
        package var retryBackoff = Backoff(initial: .milliseconds(200), maximum: .seconds(10))

        package init(stream: String, group: String, consumer: String, service: String) {
            self.stream = stream
            self.group = group
            self.consumer = consumer
            self.service = service
        }

        /// `quantum:heartbeat:{service}:{consumer}`.
        package var heartbeatKey: String { "quantum:heartbeat:\(service):\(consumer)" }

        /// Reads the shared stream settings from the environment.
        ///
        /// - `STREAM_MAX_DELIVERIES` (int, default `10`): deliveries before a message is dead-lettered.
        /// - `STREAM_CLAIM_IDLE_MS` (int, default `60000`): idle time before another consumer's pending entry is claimed.
        /// - `STREAM_BLOCK_MS` (int, default `2000`): bound on one blocking read.
        /// - `STREAM_BATCH` (int, default `16`): entries per read.
        /// - `STREAM_DEADLETTER` (string, default `quantum:stream:deadletter`).
        /// - `STREAM_CONSUMER_NAME` (string, default `{host}:{service}`).
        /// - `HEARTBEAT_TTL_SEC` (int, default `30`).
        package init(stream: String, group: String, service: String, environment env: EnvironmentReader)
            throws(ConfigurationError)
        {
            self.init(
                stream: stream, group: group, consumer: ConsumerName.resolve(service: service, environment: env),
                service: service)
            maxDeliveries = try env.int("STREAM_MAX_DELIVERIES", default: 10, range: 1...1_000_000)
            claimIdle = .milliseconds(try env.int("STREAM_CLAIM_IDLE_MS", default: 60_000, range: 1...86_400_000))
            blockTime = .milliseconds(try env.int("STREAM_BLOCK_MS", default: 2000, range: 1...60_000))
            batchSize = try env.int("STREAM_BATCH", default: 16, range: 1...10_000)
            deadLetterStream = env.string("STREAM_DEADLETTER", default: deadLetterStream)
            heartbeatTTLSeconds = try env.int("HEARTBEAT_TTL_SEC", default: 30, range: 1...86_400)
        }
    }
}
