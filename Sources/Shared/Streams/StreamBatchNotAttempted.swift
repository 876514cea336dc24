/// The outcome of a batch message the handler did not try (an earlier message failed, or a stop
/// was requested): the consumer retries it alone, in order, or leaves it pending at a stop.
package struct StreamBatchNotAttempted: Error, Sendable, CustomStringConvertible {
    package init() {}

    package var description: String { "not attempted in its batch" }
}
