import Shared

/// Raw `RedisClient` latency: PING and XADD (the plan message), one command per round trip and
/// pipelined in batches.
struct RedisCommandBenchmark {
    var client: RedisClient
    var stream: String
    var message: PlanMessage
    var count: Int
    var batch: Int

    func run() async throws(BenchError) -> [BenchResult] {
        let xadd = ["XADD", stream, "MAXLEN", "~", "10000", "*"] + message.fields.flatMap { [$0.0, $0.1] }
        let ping = ["PING"]
        _ = try await sequential("warmup", ping, count: min(count, 500))
        return [
            try await sequential("redis.ping", ping, count: count),
            try await sequential("redis.xadd", xadd, count: count),
            try await pipelined("redis.ping.pipe", ping, count: count),
            try await pipelined("redis.xadd.pipe", xadd, count: count),
        ]
    }

    /// One command per round trip; latency per command.
    private func sequential(_ name: String, _ command: [String], count: Int) async throws(BenchError) -> BenchResult {
        var histogram = LatencyHistogram()
        let start = Monotonic.nanoseconds()
        for _ in 0..<count {
            let before = Monotonic.nanoseconds()
            let reply: RedisReply
            do {
                reply = try await client.send(command)
            } catch {
                throw .redis("\(error)")
            }
            try checked(reply)
            histogram.record(nanoseconds: Monotonic.nanoseconds() - before)
        }
        let elapsed = Monotonic.nanoseconds() - start
        return BenchResult(
            name: name, count: count, latency: histogram.summary(),
            throughput: Double(count) / (Double(elapsed) / 1e9), unit: "cmd")
    }

    /// `batch` commands per round trip; latency per batch, throughput per command.
    private func pipelined(_ name: String, _ command: [String], count: Int) async throws(BenchError) -> BenchResult {
        var histogram = LatencyHistogram()
        let commands = Array(repeating: command, count: batch)
        let rounds = max(1, count / batch)
        let start = Monotonic.nanoseconds()
        for _ in 0..<rounds {
            let before = Monotonic.nanoseconds()
            let replies: [RedisReply]
            do {
                replies = try await client.pipeline(commands)
            } catch {
                throw .redis("\(error)")
            }
            histogram.record(nanoseconds: Monotonic.nanoseconds() - before)
            for reply in replies { try checked(reply) }
        }
        let elapsed = Monotonic.nanoseconds() - start
        return BenchResult(
            name: name, count: rounds * batch, latency: histogram.summary(),
            throughput: Double(rounds * batch) / (Double(elapsed) / 1e9), unit: "cmd")
    }

    private func checked(_ reply: RedisReply) throws(BenchError) {
        if case .error(let message) = reply { throw .redis(message) }
    }
}
