import Foundation
import Shared

/// Drives a plan executor (applylayer, or the Python baseline) from outside, over Redis only:
/// XADDs close plans to its plan stream and reads its result stream, matching results to plans by
/// `plan_id`. Latency = the XADD of the plan is issued → the `XREAD` carrying its result returns.
///
/// The send time travels in the plan id (`qtb-{run}-{index}-{monotonic ns}`), which every result
/// echoes, so sender and reader share no state. Two modes:
/// - ``Mode/paced``: plans at a fixed rate on an absolute schedule (a late send is not made up by
///   sending later plans sooner), the reader concurrently;
/// - ``Mode/window``: `window` plans outstanding; each result lets one more plan go, so the executor
///   always has work queued: its sustained rate ("as fast as it answers").
struct ApplyLatencyBenchmark {
    /// How plans are offered: at a fixed rate, or as fast as results come back.
    enum Mode: String {
        case paced
        case window
    }

    /// Counts of what the results said.
    struct Outcomes {
        var executed = 0
        var errors: [String: Int] = [:]
        var missing = 0

        var summary: String {
            let listed = errors.sorted { $0.value > $1.value }.prefix(6).map { "\($0.key)=\($0.value)" }
            return "executed \(executed), not executed \(errors.values.reduce(0, +))"
                + (listed.isEmpty ? "" : " (\(listed.joined(separator: ", ")))") + ", missing \(missing)"
        }
    }

    var sender: RedisClient
    var reader: RedisClient
    var planStream: String
    var resultStream: String
    /// Symbols and the base quantity each close plan asks for.
    var symbols: [(symbol: String, qty: Decimal)]
    var mode: Mode
    var count: Int
    var warmup: Int
    var rate: Double
    var window: Int
    /// Seconds to wait for the last result after the last plan went out.
    var timeout: Double
    var name: String
    var implementation: String
    let run = String(Monotonic.nanoseconds() % 1_000_000_000, radix: 36)

    func execute() async throws -> (BenchResult, Outcomes) {
        let total = warmup + count
        var cursor = try await lastID()
        var histogram = LatencyHistogram()
        var outcomes = Outcomes()
        var received = 0
        var measuredFirstSend: UInt64 = 0
        var lastReceive: UInt64 = 0
        var sent = 0
        let prefix = "qtb-\(run)-"

        if mode == .window { sent = try await send(from: 0, count: min(window, total)) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            if mode == .paced { group.addTask { try await paced(total: total) } }
            var deadline = Monotonic.nanoseconds() + UInt64(timeout * 1e9)
            if mode == .paced { deadline += UInt64(Double(total) / rate * 1e9) }
            while received < total, Monotonic.nanoseconds() < deadline {
                let reply = try await reader.checked([
                    "XREAD", "COUNT", "1000", "BLOCK", "500", "STREAMS", resultStream, cursor,
                ])
                let arrived = Monotonic.nanoseconds()
                var matched = 0
                for entry in try StreamEntries.fromRead(reply) {
                    cursor = entry.id
                    guard let fields = entry.fields,
                        let planID = fields.first(where: { $0.0 == "plan_id" })?.1, planID.hasPrefix(prefix)
                    else { continue }
                    let parts = planID.dropFirst(prefix.count).split(separator: "-")
                    guard parts.count == 2, let index = Int(parts[0]), let sentAt = UInt64(parts[1]) else { continue }
                    received += 1
                    matched += 1
                    lastReceive = arrived
                    guard index >= warmup else { continue }
                    histogram.record(nanoseconds: arrived &- sentAt)
                    if measuredFirstSend == 0 || sentAt < measuredFirstSend { measuredFirstSend = sentAt }
                    if fields.first(where: { $0.0 == "executed" })?.1.lowercased() == "true" {
                        outcomes.executed += 1
                    } else {
                        let error = fields.first(where: { $0.0 == "error" })?.1 ?? ""
                        outcomes.errors[error.isEmpty ? "(none)" : String(error.prefix(40)), default: 0] += 1
                    }
                }
                if mode == .window, matched > 0, sent < total {
                    sent += try await send(from: sent, count: min(matched, total - sent))
                    deadline = Monotonic.nanoseconds() + UInt64(timeout * 1e9)
                }
            }
            // A pacer still sending when the reader gave up is stopped; its cancellation is expected.
            group.cancelAll()
            do { try await group.waitForAll() } catch is CancellationError {}
        }
        outcomes.missing = total - received
        let seconds = Double(lastReceive &- measuredFirstSend) / 1e9
        let measured = Int(histogram.count)
        let result = BenchResult(
            name: name, count: measured, latency: measured > 0 ? histogram.summary() : nil,
            throughput: seconds > 0 ? Double(measured) / seconds : 0, unit: "plan", implementation: implementation)
        return (result, outcomes)
    }

    /// One plan per 1/rate seconds on an absolute schedule.
    private func paced(total: Int) async throws {
        let start = Monotonic.nanoseconds()
        let interval = 1e9 / rate
        for index in 0..<total {
            let due = start + UInt64(Double(index) * interval)
            let now = Monotonic.nanoseconds()
            if due > now { try await Task.sleep(nanoseconds: due - now) }
            try Task.checkCancellation()
            _ = try await send(from: index, count: 1)
        }
    }

    /// XADDs plans `from ..< from + count` (pipelined when more than one); returns `count`.
    private func send(from first: Int, count: Int) async throws -> Int {
        guard count > 0 else { return 0 }
        var commands: [[String]] = []
        commands.reserveCapacity(count)
        let timestamp = Date().timeIntervalSince1970
        for index in first..<(first + count) {
            let (symbol, qty) = symbols[index % symbols.count]
            let plan = ClosePlan(
                planID: "qtb-\(run)-\(index)-\(Monotonic.nanoseconds())", symbol: symbol, shape: .flat, action: nil,
                orderType: "MARKET", qty: qty, source: "qtbench", timestamp: timestamp)
            commands.append(
                ["XADD", planStream, "MAXLEN", "~", "10000", "*"] + plan.encode().flatMap { [$0.0, $0.1] })
        }
        if commands.count == 1 {
            _ = try await sender.checked(commands[0])
        } else {
            for reply in try await sender.pipeline(commands) {
                if case .error(let message) = reply { throw BenchError.redis(message) }
            }
        }
        return count
    }

    /// The result stream's last id before the run ("0-0" when empty), where reading starts.
    private func lastID() async throws -> String {
        let reply = try await reader.checked(["XREVRANGE", resultStream, "+", "-", "COUNT", "1"])
        return try StreamEntries.fromRead(.array([.array([.bulk(Array(resultStream.utf8)), reply])])).last?.id ?? "0-0"
    }
}
