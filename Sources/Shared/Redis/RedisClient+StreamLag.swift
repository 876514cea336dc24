extension RedisClient {
    /// A consumer group's lag as `XINFO GROUPS` reports it, corrected against the stream itself.
    ///
    /// Redis 7.0 can keep reporting a lag after a restart from the AOF (or entries read through
    /// `XAUTOCLAIM`) although no entry follows the group's `last-delivered-id`: then the lag is 0.
    /// When Redis cannot compute a lag (nil, e.g. after deletions) the entries after
    /// `last-delivered-id` are counted, up to `limit + 1`.
    package func streamGroupLag(
        stream: String, reported: Int?, lastDeliveredID: String?, limit: Int = 10_000
    ) async throws(RedisError) -> Int? {
        guard let last = lastDeliveredID, reported != 0 else { return reported }
        let count = reported == nil ? limit + 1 : 1
        let after = try checked(["XRANGE", stream, "(" + last, "+", "COUNT", String(count)]).array ?? []
        if reported == nil { return after.count }
        return after.isEmpty ? 0 : reported
    }
}
