import Foundation
import Synchronization
import Testing

@testable import Shared

/// A handler that takes whole batches: "fine" acks, "bad" dead-letters, "slow" fails in its batch
/// and then `failures` more times through `handle`.
final class BatchScriptHandler: StreamMessageHandler, Sendable {
    struct DependencyDown: Error {}

    private let state = Mutex<(batches: [[String]], singles: [String], failures: Int)>(([], [], 0))
    private let failures: Int

    init(failures: Int) { self.failures = failures }

    var batches: [[String]] { state.withLock { $0.batches } }
    var singles: [String] { state.withLock { $0.singles } }

    func handleBatch(_ messages: [StreamMessage]) async -> [Result<StreamDisposition, any Error>] {
        state.withLock { $0.batches.append(messages.map(\.id)) }
        return messages.map { message in
            switch message.values["kind"] {
            case "slow": .failure(DependencyDown())
            case "bad": .success(.deadLetter(reason: "bad"))
            default: .success(.ack)
            }
        }
    }

    func handle(_ message: StreamMessage) async throws -> StreamDisposition {
        try state.withLock { state in
            state.singles.append(message.id)
            if state.failures < failures {
                state.failures += 1
                throw DependencyDown()
            }
            return .ack
        }
    }
}

@Suite("Stream consumer: batches", .enabled(if: TestEnvironment.redisEnabled))
struct StreamBatchTests {
    let redis: RedisClient
    let stream = TestEnvironment.unique("batch")
    let group = "batch_group"

    init() throws { redis = try TestEnvironment.redis() }

    @Test(
        "a read batch reaches the handler in one call; its successes are acknowledged at once, a failed message is retried alone with backoff until it succeeds"
    )
    func failedMessageRetriedAlone() async throws {
        _ = try await redis.checked(["XGROUP", "CREATE", stream, group, "$", "MKSTREAM"])
        var ids: [String] = []
        for kind in ["fine", "slow", "fine", "bad", "fine"] {
            ids.append(try await redis.streamAdd(stream, [("kind", kind)]))
        }
        let handler = BatchScriptHandler(failures: 3)
        var configuration = StreamConsumer.Configuration(
            stream: stream, group: group, consumer: "host:test", service: "test")
        configuration.blockTime = .milliseconds(100)
        configuration.retryBackoff = Backoff(initial: .milliseconds(150), maximum: .milliseconds(150))
        configuration.deadLetterStream = stream + ":deadletter"
        let consumer = StreamConsumer(
            configuration: configuration, redis: try TestEnvironment.redisConfiguration(),
            handler: handler, logger: TestEnvironment.logger)
        let task = Task { try await consumer.run() }
        // While the slow one is still failing, everything else is finished: only it is pending.
        #expect(await TestEnvironment.eventually { handler.singles.count == 1 })
        #expect(try await redis.pendingCount(stream, group) == 1, "successes wait for the failed message")
        #expect(await TestEnvironment.eventually { (try? await redis.pendingCount(stream, group)) == 0 })
        task.cancel()
        _ = await task.result
        #expect(handler.batches.first == ids, "one call with the whole read batch; got \(handler.batches)")
        #expect(handler.singles == Array(repeating: ids[1], count: 4), "the failed message alone, 3 failures + success")
        let dead = try StreamEntries.fromRead(try await redis.send(["XREAD", "STREAMS", stream + ":deadletter", "0"]))
        #expect(dead.count == 1)
        #expect(dead.first?.fields?.first(where: { $0.0 == "id" })?.1 == ids[3])
    }

    @Test(
        "a backlog read in full batches (the next read ahead while one is handled) is handled once each, in order; a stop leaves the read-ahead pending for the next start"
    )
    func backlogWithReadAhead() async throws {
        _ = try await redis.checked(["XGROUP", "CREATE", stream, group, "$", "MKSTREAM"])
        try await redis.fill(stream, count: 95, kind: "fine")
        let first = RecordingHandler()
        var running = try RunningConsumer.start(stream: stream, group: group, handler: first) { $0.batchSize = 10 }
        #expect(await TestEnvironment.eventually { first.seen.count >= 30 })
        await running.stop()
        let handledFirst = first.seenIDs
        let second = RecordingHandler()
        running = try RunningConsumer.start(stream: stream, group: group, handler: second) { $0.batchSize = 10 }
        #expect(
            await TestEnvironment.eventually {
                (try? await redis.pendingCount(stream, group)) == 0 && handledFirst.count + second.seen.count >= 95
            })
        await running.stop()
        let all = handledFirst + second.seenIDs
        #expect(Set(all).count == 95, "every entry handled: \(Set(all).count)")
        #expect(all.count == 95, "none twice (a redelivery after a clean stop would show here): \(all.count)")
        let xrange = try StreamEntries.fromRead(
            try await redis.send(["XREAD", "COUNT", "1000", "STREAMS", stream, "0"]))
        #expect(all == xrange.map(\.id), "handled in stream order")
    }
}
