import Foundation
import Testing

@testable import Shared

/// One test per stream convention of architecture.md §3, each failing if the convention breaks.
@Suite("Stream conventions against a real redis-server", .enabled(if: TestEnvironment.redisEnabled))
struct StreamConventionTests {
    let redis: RedisClient
    let stream: String
    let group = "convention_group"

    init() throws {
        redis = try TestEnvironment.redis()
        stream = TestEnvironment.unique("stream")
    }

    @Test("a group created over a stream holding 10,000 old entries delivers none of them, only new ones")
    func newGroupStartsAtDollar() async throws {
        try await redis.fill(stream, count: 10_000)
        let handler = RecordingHandler()
        let running = try RunningConsumer.start(stream: stream, group: group, handler: handler)
        #expect(await TestEnvironment.eventually { (try? await redis.pendingCount(stream, group)) == 0 })
        let fresh = try await redis.streamAdd(stream, [("kind", "new")])
        #expect(await TestEnvironment.eventually { handler.seenIDs.contains(fresh) })
        await running.stop()
        #expect(handler.seen.count == 1, "old entries delivered: \(handler.seen.count - 1)")
        #expect(handler.seen.filter { $0.values["kind"] == "old" }.isEmpty)
        #expect(handler.seenIDs.last == fresh)
    }

    @Test("an existing group keeps its position: entries after it are delivered, earlier ones are not")
    func existingGroupKeepsPosition() async throws {
        try await redis.fill(stream, count: 3, kind: "before")
        _ = try await redis.checked(["XGROUP", "CREATE", stream, group, "$"])
        try await redis.fill(stream, count: 5, kind: "after")
        let handler = RecordingHandler()
        let running = try RunningConsumer.start(stream: stream, group: group, handler: handler)
        #expect(await TestEnvironment.eventually { handler.seen.count == 5 })
        await running.stop()
        #expect(handler.seen.map { $0.values["kind"] } == Array(repeating: "after", count: 5))
        #expect(try await redis.pendingCount(stream, group) == 0)
    }

    @Test("the stream is created with MKSTREAM when it does not exist")
    func createsMissingStream() async throws {
        let running = try RunningConsumer.start(stream: stream, group: group, handler: RecordingHandler())
        #expect(await TestEnvironment.eventually { (try? await redis.exists(stream)) == true })
        let groups = try await redis.checked(["XINFO", "GROUPS", stream]).array ?? []
        await running.stop()
        #expect(groups.count == 1)
    }

    @Test("a consumer killed mid-message gets that message back after restart under its stable name")
    func ownPendingRecoveredAfterRestart() async throws {
        _ = try await redis.checked(["XGROUP", "CREATE", stream, group, "$", "MKSTREAM"])
        let id = try await redis.streamAdd(stream, [("kind", "inflight")])
        // The process read the message and died before acknowledging it.
        let read = try await redis.send([
            "XREADGROUP", "GROUP", group, "host:test", "COUNT", "1", "STREAMS", stream, ">",
        ])
        #expect(try StreamEntries.fromRead(read).map(\.id) == [id])
        let handler = RecordingHandler()
        let running = try RunningConsumer.start(stream: stream, group: group, consumer: "host:test", handler: handler) {
            $0.claimIdle = .seconds(3600)  // recovery must come from its own pending list, not a claim
        }
        #expect(await TestEnvironment.eventually { handler.seenIDs == [id] })
        #expect(await TestEnvironment.eventually { (try? await redis.pendingCount(stream, group)) == 0 })
        await running.stop()
        #expect(handler.seen.first?.deliveries == 2)
    }

    @Test("entries idle past the threshold in a dead consumer's pending list are claimed and handled")
    func idleEntriesOfDeadConsumerAreClaimed() async throws {
        _ = try await redis.checked(["XGROUP", "CREATE", stream, group, "$", "MKSTREAM"])
        let id = try await redis.streamAdd(stream, [("kind", "orphan")])
        _ = try await redis.send(["XREADGROUP", "GROUP", group, "deadhost:test", "STREAMS", stream, ">"])
        let handler = RecordingHandler()
        let running = try RunningConsumer.start(stream: stream, group: group, consumer: "alive:test", handler: handler)
        {
            $0.claimIdle = .milliseconds(200)
        }
        #expect(await TestEnvironment.eventually { handler.seenIDs == [id] })
        #expect(await TestEnvironment.eventually { (try? await redis.pendingCount(stream, group)) == 0 })
        await running.stop()
    }

    @Test(
        "a message is acknowledged only after the handler's effect succeeded; a failing dependency pauses, nothing is lost"
    )
    func ackOnlyAfterEffect() async throws {
        let handler = RecordingHandler(["slow": .failTimes(3)])
        let running = try RunningConsumer.start(stream: stream, group: group, handler: handler) {
            $0.retryBackoff = Backoff(initial: .milliseconds(150), maximum: .milliseconds(150))
        }
        #expect(await TestEnvironment.eventually { (try? await redis.exists(stream)) == true })
        let id = try await redis.streamAdd(stream, [("kind", "slow")])
        #expect(await TestEnvironment.eventually { handler.seen.count == 1 })
        #expect(try await redis.pendingCount(stream, group) == 1, "pending while the effect is not durable")
        #expect(await TestEnvironment.eventually { handler.seen.count == 4 })
        #expect(await TestEnvironment.eventually { (try? await redis.pendingCount(stream, group)) == 0 })
        await running.stop()
        #expect(handler.seenIDs == [id, id, id, id])
        #expect(handler.deadLettered.isEmpty, "an outage must not turn a message into poison")
        #expect(try await redis.send(["XLEN", stream + ":deadletter"]).integer == 0)
    }

    @Test("messages finished before an outage are acknowledged at once, not after the outage")
    func finishedMessagesAckedBeforeOutage() async throws {
        _ = try await redis.checked(["XGROUP", "CREATE", stream, group, "$", "MKSTREAM"])
        let done = try await redis.streamAdd(stream, [("kind", "fine")])
        let stuck = try await redis.streamAdd(stream, [("kind", "slow")])
        let handler = RecordingHandler(["slow": .failTimes(4)])
        let running = try RunningConsumer.start(stream: stream, group: group, handler: handler) {
            $0.retryBackoff = Backoff(initial: .milliseconds(200), maximum: .milliseconds(200))
        }
        #expect(await TestEnvironment.eventually { handler.seenIDs.contains(stuck) })
        let pending = try StreamEntries.deliveryCounts(
            try await redis.send(["XPENDING", stream, group, "-", "+", "10"]))
        #expect(pending[done] == nil, "the finished message was acknowledged while the other one waits")
        #expect(pending[stuck] == 1)
        #expect(await TestEnvironment.eventually { (try? await redis.pendingCount(stream, group)) == 0 })
        await running.stop()
    }

    @Test(
        "a poison message ends in the dead-letter stream with stream, id, fields and reason, and does not block the next one"
    )
    func poisonMessageDeadLettered() async throws {
        let handler = RecordingHandler(["poison": .deadLetter("undecodable: qty is not a number")])
        let running = try RunningConsumer.start(stream: stream, group: group, handler: handler)
        #expect(await TestEnvironment.eventually { (try? await redis.exists(stream)) == true })
        let bad = try await redis.streamAdd(stream, [("kind", "poison"), ("qty", "abc")])
        let good = try await redis.streamAdd(stream, [("kind", "fine")])
        #expect(await TestEnvironment.eventually { handler.seenIDs == [bad, good] })
        #expect(await TestEnvironment.eventually { (try? await redis.pendingCount(stream, group)) == 0 })
        await running.stop()
        #expect(handler.deadLettered == [bad])
        let letters = try StreamEntries.fromRead(
            try await redis.send(["XREAD", "STREAMS", stream + ":deadletter", "0"]))
        let letter = try #require(letters.first?.fields.map { Dictionary($0, uniquingKeysWith: { $1 }) })
        #expect(letters.count == 1)
        #expect(letter["stream"] == stream)
        #expect(letter["id"] == bad)
        #expect(letter["reason"] == "undecodable: qty is not a number")
        let fields = try JSONSerialization.jsonObject(with: Data((letter["fields"] ?? "").utf8)) as? [String: String]
        #expect(fields == ["kind": "poison", "qty": "abc"])
    }

    @Test("a message delivered more than the limit is dead-lettered without reaching the handler")
    func overDeliveredMessageDeadLettered() async throws {
        _ = try await redis.checked(["XGROUP", "CREATE", stream, group, "$", "MKSTREAM"])
        let id = try await redis.streamAdd(stream, [("kind", "crashloop")])
        // Three earlier deliveries that each crashed the process: the first read, then two recoveries.
        _ = try await redis.send(["XREADGROUP", "GROUP", group, "host:test", "STREAMS", stream, ">"])
        for _ in 0..<2 {
            _ = try await redis.send(["XREADGROUP", "GROUP", group, "host:test", "STREAMS", stream, "0"])
        }
        let handler = RecordingHandler()
        let running = try RunningConsumer.start(stream: stream, group: group, consumer: "host:test", handler: handler) {
            $0.maxDeliveries = 3
        }
        #expect(await TestEnvironment.eventually { handler.deadLettered == [id] })
        #expect(await TestEnvironment.eventually { (try? await redis.pendingCount(stream, group)) == 0 })
        await running.stop()
        #expect(handler.seen.isEmpty)
        let letters = try StreamEntries.fromRead(
            try await redis.send(["XREAD", "STREAMS", stream + ":deadletter", "0"]))
        #expect(letters.first?.fields?.first { $0.0 == "reason" }?.1 == "max_deliveries_exceeded")
    }

    @Test("the heartbeat key is set with a TTL while the loop runs")
    func heartbeatKey() async throws {
        let running = try RunningConsumer.start(
            stream: stream, group: group, consumer: "hb:\(stream)",
            handler: RecordingHandler()
        ) { $0.heartbeatTTLSeconds = 7 }
        let key = running.consumer.configuration.heartbeatKey
        #expect(key == "quantum:heartbeat:test:hb:\(stream)")
        #expect(await TestEnvironment.eventually { (try? await redis.exists(key)) == true })
        let ttl = try await redis.checked(["TTL", key]).integer ?? -1
        await running.stop()
        #expect((1...7).contains(ttl))
        try await redis.delete(key)
    }

    @Test("reads block for a bounded time, so a stop request ends the loop")
    func boundedBlockingReadLetsItStop() async throws {
        let running = try RunningConsumer.start(stream: stream, group: group, handler: RecordingHandler())
        #expect(await TestEnvironment.eventually { (try? await redis.exists(stream)) == true })
        running.task.cancel()
        let result = await running.task.result
        #expect((try? result.get()) != nil, "run() returns normally after a stop request")
    }

    @Test("a Redis outage pauses the consumer; after Redis is back it resumes and handles new messages")
    func survivesRedisRestart() async throws {
        let server = try RedisProcess.start()
        defer { server.stop() }
        var configuration = StreamConsumer.Configuration(
            stream: stream, group: group, consumer: "h:test", service: "test")
        configuration.blockTime = .milliseconds(100)
        configuration.retryBackoff = Backoff(initial: .milliseconds(20), maximum: .milliseconds(100))
        let handler = RecordingHandler()
        let consumer = StreamConsumer(
            configuration: configuration, redis: server.configuration, handler: handler,
            logger: TestEnvironment.logger)
        let task = Task { try await consumer.run() }
        let admin = RedisClient(configuration: server.configuration, name: "admin", logger: TestEnvironment.logger)
        #expect(await TestEnvironment.eventually { (try? await admin.exists(stream)) == true })
        server.stop()
        try await Task.sleep(for: .milliseconds(300))
        #expect(!task.isCancelled)
        try server.restart()  // no persistence: the stream and group are gone and must be re-created
        #expect(await TestEnvironment.eventually { (try? await admin.exists(stream)) == true })
        let id = try await admin.streamAdd(stream, [("kind", "after-outage")])
        #expect(await TestEnvironment.eventually { handler.seenIDs.contains(id) })
        task.cancel()
        _ = await task.result
    }
}
