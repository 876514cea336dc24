import ServiceLifecycle

/// The part of a consumer that knows what messages mean.
///
/// ``StreamConsumer`` hands each read batch to ``handleBatch(_:)`` and acknowledges a message
/// only after its outcome says the effect is durable. A failure (thrown by ``handle(_:)``, or an
/// error in the batch's outcomes) means the effect is **not** durable because something the
/// handler depends on is unavailable (PostgreSQL down, exchange unreachable): the consumer keeps
/// the message, waits with backoff and calls ``handle(_:)`` again with the same message, without
/// counting it toward the poison limit, until it succeeds or the process stops (then it stays
/// pending and is recovered at the next start).
package protocol StreamMessageHandler: Sendable {
    /// Performs the message's effect durably and says how to finish it.
    func handle(_ message: StreamMessage) async throws -> StreamDisposition

    /// Performs the effects of one read batch and returns one outcome per message, in order.
    ///
    /// A handler may do the batch's work together (one transaction) or concurrently (messages
    /// that cannot interfere), as long as every `.success` is durable. Messages whose outcome is a
    /// failure are retried one at a time, in order, through ``handle(_:)``. The default handles
    /// the messages one after the other and stops at the first failure (the rest are reported
    /// ``StreamBatchNotAttempted``), which keeps the order of a one-at-a-time consumer.
    func handleBatch(_ messages: [StreamMessage]) async -> [Result<StreamDisposition, any Error>]

    /// Called after a message went to the dead-letter stream (undecodable, or delivered more
    /// than the limit), before it is acknowledged; applylayer answers the plan's producer here.
    func deadLettered(_ message: StreamMessage, reason: String) async throws
}

extension StreamMessageHandler {
    package func deadLettered(_ message: StreamMessage, reason: String) async throws {}

    package func handleBatch(_ messages: [StreamMessage]) async -> [Result<StreamDisposition, any Error>] {
        await handleOneByOne(messages)
    }

    /// Handles the messages in order and stops at the first failure or at a shutdown request;
    /// the messages after it are reported ``StreamBatchNotAttempted``.
    package func handleOneByOne(_ messages: [StreamMessage]) async -> [Result<StreamDisposition, any Error>] {
        var outcomes: [Result<StreamDisposition, any Error>] = []
        outcomes.reserveCapacity(messages.count)
        var stopped = false
        for message in messages {
            if stopped || Task.isCancelled || Task.isShuttingDownGracefully {
                outcomes.append(.failure(StreamBatchNotAttempted()))
                continue
            }
            do {
                outcomes.append(.success(try await handle(message)))
            } catch {
                outcomes.append(.failure(error))
                stopped = true
            }
        }
        return outcomes
    }
}
