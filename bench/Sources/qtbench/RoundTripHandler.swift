import Shared

/// A trivial stream handler: reads the producer's send time from the message and reports the
/// latency from XADD to this handler, then lets the consumer acknowledge.
struct RoundTripHandler: StreamMessageHandler {
    /// Field carrying the producer's `CLOCK_MONOTONIC` nanoseconds just before its XADD.
    static let sentField = "bench_sent_ns"

    let latencies: AsyncStream<UInt64>.Continuation

    func handle(_ message: StreamMessage) async throws -> StreamDisposition {
        let now = Monotonic.nanoseconds()
        let sent = message.fields.last { $0.0 == Self.sentField }.flatMap { UInt64($0.1) } ?? now
        latencies.yield(now >= sent ? now - sent : 0)
        return .ack
    }
}
