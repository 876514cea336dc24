import Foundation
import Synchronization
import Testing

@testable import Shared

/// A handler that records what it saw and answers per message from a script.
final class RecordingHandler: StreamMessageHandler, Sendable {
    /// What to do with a message whose field `kind` has a given value.
    enum Behaviour: Sendable {
        case ack
        case deadLetter(String)
        /// Throw (dependency down) this many times, then ack.
        case failTimes(Int)
    }

    private let state = Mutex<(seen: [StreamMessage], failures: [String: Int], deadLettered: [String])>(([], [:], []))
    private let behaviours: [String: Behaviour]

    init(_ behaviours: [String: Behaviour] = [:]) {
        self.behaviours = behaviours
    }

    var seen: [StreamMessage] { state.withLock { $0.seen } }
    var seenIDs: [String] { seen.map(\.id) }
    var deadLettered: [String] { state.withLock { $0.deadLettered } }

    struct DependencyDown: Error {}

    func handle(_ message: StreamMessage) async throws -> StreamDisposition {
        let kind = message.values["kind"] ?? ""
        let behaviour = behaviours[kind] ?? .ack
        return try state.withLock { state throws -> StreamDisposition in
            state.seen.append(message)
            switch behaviour {
            case .ack:
                return .ack
            case .deadLetter(let reason):
                return .deadLetter(reason: reason)
            case .failTimes(let times):
                let failed = state.failures[message.id, default: 0]
                if failed < times {
                    state.failures[message.id] = failed + 1
                    throw DependencyDown()
                }
                return .ack
            }
        }
    }

    func deadLettered(_ message: StreamMessage, reason: String) async throws {
        state.withLock { $0.deadLettered.append(message.id) }
    }
}

/// A consumer running in a child task, stopped (and awaited) by `stop()`.
struct RunningConsumer {
    let consumer: StreamConsumer
    let task: Task<Void, any Error>

    static func start(
        stream: String, group: String, consumer name: String = "host:test", handler: RecordingHandler,
        configure: (inout StreamConsumer.Configuration) -> Void = { _ in }
    ) throws -> RunningConsumer {
        var configuration = StreamConsumer.Configuration(stream: stream, group: group, consumer: name, service: "test")
        configuration.blockTime = .milliseconds(100)
        configuration.retryBackoff = Backoff(initial: .milliseconds(10), maximum: .milliseconds(50))
        configuration.deadLetterStream = stream + ":deadletter"
        configure(&configuration)
        let consumer = StreamConsumer(
            configuration: configuration, redis: try TestEnvironment.redisConfiguration(), handler: handler,
            logger: TestEnvironment.logger)
        return RunningConsumer(consumer: consumer, task: Task { try await consumer.run() })
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }
}

extension RedisClient {
    /// Number of entries pending in `group` (XPENDING summary).
    func pendingCount(_ stream: String, _ group: String) async throws -> Int {
        try checked(["XPENDING", stream, group]).array?.first?.integer ?? -1
    }

    /// Adds `count` entries `{kind, n}` to `stream`, pipelined.
    func fill(_ stream: String, count: Int, kind: String = "old") async throws {
        var batch: [[String]] = []
        for n in 0..<count {
            batch.append(["XADD", stream, "*", "kind", kind, "n", String(n)])
            if batch.count == 500 {
                _ = try pipeline(batch)
                batch.removeAll()
            }
        }
        if !batch.isEmpty { _ = try pipeline(batch) }
    }
}
