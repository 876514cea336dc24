/// The part of a consumer that knows what messages mean.
///
/// ``StreamConsumer`` calls ``handle(_:)`` once per delivery and acknowledges only after it
/// returns. A thrown error means the effect is **not** durable because something the handler
/// depends on is unavailable (PostgreSQL down, exchange unreachable): the consumer keeps the
/// message, waits with backoff and calls again with the same message, without counting it
/// toward the poison limit, until it succeeds or the process stops (then it stays pending and
/// is recovered at the next start).
package protocol StreamMessageHandler: Sendable {
    /// Performs the message's effect durably and says how to finish it.
    func handle(_ message: StreamMessage) async throws -> StreamDisposition

    /// Called after a message went to the dead-letter stream (undecodable, or delivered more
    /// than the limit), before it is acknowledged; applylayer answers the plan's producer here.
    func deadLettered(_ message: StreamMessage, reason: String) async throws
}

extension StreamMessageHandler {
    package func deadLettered(_ message: StreamMessage, reason: String) async throws {}
}
