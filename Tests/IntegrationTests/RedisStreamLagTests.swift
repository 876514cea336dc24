import Testing

@testable import Shared

@Suite("Consumer group lag against a real redis-server", .enabled(if: TestEnvironment.redisEnabled))
struct RedisStreamLagTests {
    @Test(
        "a lag Redis does not report (group created at $ on a stream with history) is counted exactly across pages, up to limit + 1"
    )
    func unreportedLagIsCountedInPages() async throws {
        let redis = try TestEnvironment.redis()
        let stream = TestEnvironment.unique("lag")
        for _ in 0..<3 { try await redis.streamAdd(stream, [("kind", "history")]) }
        try await redis.checked(["XGROUP", "CREATE", stream, "g", "$"])
        let page = RedisClient.lagCountPageSize
        let added = 2 * page + 37
        _ = try await redis.pipeline((0..<added).map { ["XADD", stream, "*", "n", String($0)] })
        _ = try await redis.checked(["XREADGROUP", "GROUP", "g", "c", "COUNT", "5", "STREAMS", stream, ">"])
        let groups = try await redis.checked(["XINFO", "GROUPS", stream]).array ?? []
        let info = Dictionary(try #require(groups.first).pairs, uniquingKeysWith: { first, _ in first })
        // The case under test: Redis has no lag to report for this group.
        try #require(Int(info["lag"] ?? "") == nil)
        let last = try #require(info["last-delivered-id"])
        let behind = added - 5
        let lag = { (limit: Int) async throws -> Int? in
            try await redis.streamGroupLag(stream: stream, reported: nil, lastDeliveredID: last, limit: limit)
        }
        #expect(try await lag(10_000) == behind)
        #expect(try await lag(behind) == behind)
        #expect(try await lag(behind - 1) == behind)
        #expect(try await lag(page + 10) == page + 11)
        #expect(try await lag(page - 1) == page)
        #expect(try await lag(2 * page - 1) == 2 * page)
        #expect(try await lag(0) == 1)
        try await redis.checked(["XTRIM", stream, "MAXLEN", "0"])
        #expect(try await lag(10_000) == 0)
        try await redis.delete(stream)
    }
}
