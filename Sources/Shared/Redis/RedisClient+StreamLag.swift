extension RedisClient {
    /// Entries read per `XRANGE` while counting a lag Redis did not report
    /// (``streamGroupLag(stream:reported:lastDeliveredID:limit:)``).
    ///
    /// A page's reply (every entry with all its fields) is held in memory at once, so the count
    /// of a 10,000-entry backlog costs 51 small replies instead of one of ≈ 10 MB decoded into
    /// ≈ 100 MB of reply objects (what raised harvestbrain's peak RSS to ≈ 200 MB in a drain).
    package static let lagCountPageSize = 200

    /// A consumer group's lag as `XINFO GROUPS` reports it, corrected against the stream itself.
    ///
    /// Redis 7.0 can keep reporting a lag after a restart from the AOF (or entries read through
    /// `XAUTOCLAIM`) although no entry follows the group's `last-delivered-id`: then the lag is 0.
    /// When Redis cannot compute a lag (nil: a group created at `$` on a stream that already had
    /// entries, until it reads the last one; or deletions) the entries after `last-delivered-id`
    /// are counted, up to `limit + 1`, in pages of ``lagCountPageSize``.
    package func streamGroupLag(
        stream: String, reported: Int?, lastDeliveredID: String?, limit: Int = 10_000
    ) async throws(RedisError) -> Int? {
        guard let last = lastDeliveredID, reported != 0 else { return reported }
        guard reported == nil else {
            let after = try checked(["XRANGE", stream, "(" + last, "+", "COUNT", "1"]).array ?? []
            return after.isEmpty ? 0 : reported
        }
        var counted = 0
        var start = last
        while counted <= limit {
            let wanted = min(Self.lagCountPageSize, limit + 1 - counted)
            let page = try checked(["XRANGE", stream, "(" + start, "+", "COUNT", String(wanted)]).array ?? []
            counted += page.count
            guard page.count == wanted, let id = page.last?.array?.first?.string else { break }
            start = id
        }
        return counted
    }
}
