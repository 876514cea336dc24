import FoundationEssentials

/// The result stream's consumer group as the scorecard sees it (XINFO GROUPS, XPENDING).
package struct ConsumerGroupState: Sendable, Equatable {
    /// False when the stream or the group does not exist.
    package var exists: Bool
    /// Entries not yet delivered to the group; `nil` when Redis cannot tell.
    package var lag: Int?
    /// Entries delivered and not acknowledged.
    package var pending: Int
    /// Age of the oldest pending entry, from the time in its stream id.
    package var oldestPendingAge: TimeInterval?

    package init(exists: Bool, lag: Int? = nil, pending: Int = 0, oldestPendingAge: TimeInterval? = nil) {
        self.exists = exists
        self.lag = lag
        self.pending = pending
        self.oldestPendingAge = oldestPendingAge
    }
}
