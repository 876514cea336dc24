import Metrics

/// The consumer's counters, created once with bounded labels.
struct StreamConsumerMetrics: Sendable {
    let stream: String
    let group: String
    let redisErrors: Counter
    let handlerRetries: Counter
    let claimed: Counter
    /// `stream_pending`: entries delivered to the group and not yet acknowledged.
    let pending: Gauge
    /// `stream_lag`: entries of the stream not yet delivered to the group (Redis 7).
    let lag: Gauge

    init(stream: String, group: String) {
        self.stream = stream
        self.group = group
        let labels = [("stream", stream), ("group", group)]
        redisErrors = Counter(label: "stream_redis_errors_total", dimensions: labels)
        handlerRetries = Counter(label: "stream_handler_retries_total", dimensions: labels)
        claimed = Counter(label: "stream_claimed_total", dimensions: labels)
        pending = Gauge(label: "stream_pending", dimensions: labels)
        lag = Gauge(label: "stream_lag", dimensions: labels)
    }

    /// `stream_messages_total{outcome=acked|dead_lettered|deleted}`.
    func outcome(_ outcome: String) -> Counter {
        Counter(
            label: "stream_messages_total", dimensions: [("stream", stream), ("group", group), ("outcome", outcome)])
    }
}
