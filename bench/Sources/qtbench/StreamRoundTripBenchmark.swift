import Logging
import Shared

/// The stream round trip the daemons live on: XADD the plan message, the shared
/// ``StreamConsumer`` (with a trivial handler) receives it, the handler runs, the consumer acks.
///
/// Two runs: one message in flight at a time (latency from XADD to handler), then a backlog of
/// `backlog` messages written first and drained by a fresh consumer (throughput only).
struct StreamRoundTripBenchmark {
    var redis: RedisConfiguration
    var producer: RedisClient
    var message: PlanMessage
    var count: Int
    var backlog: Int
    var batchSize: Int
    var logger: Logger

    func run() async throws -> [BenchResult] {
        let stream = "qtbench:stream:roundtrip:\(Monotonic.nanoseconds())"
        let closedLoop = try await oneInFlight(stream: stream + ":rt")
        let drain = try await drainBacklog(stream: stream + ":backlog")
        return [closedLoop, drain]
    }

    private func consumer(stream: String, handler: RoundTripHandler) -> StreamConsumer {
        var configuration = StreamConsumer.Configuration(
            stream: stream, group: "qtbench", consumer: "qtbench-1", service: "qtbench")
        configuration.batchSize = batchSize
        configuration.blockTime = .milliseconds(200)
        return StreamConsumer(configuration: configuration, redis: redis, handler: handler, logger: logger)
    }

    private func oneInFlight(stream: String) async throws -> BenchResult {
        let (latencies, continuation) = AsyncStream<UInt64>.makeStream(bufferingPolicy: .unbounded)
        let consumer = consumer(stream: stream, handler: RoundTripHandler(latencies: continuation))
        try await consumer.ensureGroup()
        let warmup = min(500, count)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await consumer.run() }
            var iterator = latencies.makeAsyncIterator()
            var histogram = LatencyHistogram()
            var start: UInt64 = 0
            for index in 0..<(warmup + count) {
                if index == warmup { start = Monotonic.nanoseconds() }
                let fields = message.fields + [(RoundTripHandler.sentField, String(Monotonic.nanoseconds()))]
                try await producer.streamAdd(stream, fields, maxLength: 10_000)
                guard let latency = await iterator.next() else { throw BenchError.redis("consumer stopped") }
                if index >= warmup { histogram.record(nanoseconds: latency) }
            }
            let elapsed = Monotonic.nanoseconds() - start
            group.cancelAll()
            try await group.waitForAll()
            try await producer.delete(stream, consumer.configuration.heartbeatKey)
            return BenchResult(
                name: "stream.roundtrip", count: count, latency: histogram.summary(),
                throughput: Double(count) / (Double(elapsed) / 1e9), unit: "msg")
        }
    }

    private func drainBacklog(stream: String) async throws -> BenchResult {
        let (handled, continuation) = AsyncStream<UInt64>.makeStream(bufferingPolicy: .unbounded)
        let consumer = consumer(stream: stream, handler: RoundTripHandler(latencies: continuation))
        try await consumer.ensureGroup()
        let xadd = ["XADD", stream, "*"] + message.fields.flatMap { [$0.0, $0.1] }
        var written = 0
        while written < backlog {
            let chunk = min(1000, backlog - written)
            let replies = try await producer.pipeline(Array(repeating: xadd, count: chunk))
            if let failed = replies.first(where: { if case .error = $0 { true } else { false } }) {
                throw BenchError.redis("XADD failed: \(failed)")
            }
            written += chunk
        }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            let start = Monotonic.nanoseconds()
            group.addTask { try await consumer.run() }
            var seen = 0
            for await _ in handled {
                seen += 1
                if seen == backlog { break }
            }
            let elapsed = Monotonic.nanoseconds() - start
            group.cancelAll()
            try await group.waitForAll()
            let pending = try await producer.send(["XPENDING", stream, "qtbench"]).array?.first?.integer ?? -1
            try await producer.delete(stream, consumer.configuration.heartbeatKey)
            guard seen == backlog, pending == 0 else {
                throw BenchError.redis("backlog drain incomplete: handled \(seen), pending \(pending)")
            }
            return BenchResult(
                name: "stream.drain", count: backlog, latency: nil,
                throughput: Double(backlog) / (Double(elapsed) / 1e9), unit: "msg")
        }
    }
}
