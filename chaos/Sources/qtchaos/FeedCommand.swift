import ArgumentParser
import Foundation
import Shared

/// `qtchaos feed`: publishes a seeded mix of entry and close plans over several symbols at a
/// steady rate, riding out Redis outages (a plan is retried with the same id, so a lost reply
/// can at worst add a duplicate entry, which applylayer must answer once).
struct FeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed", abstract: "Publish seeded entry and close plans for SECONDS.")

    @Option(help: "How long to feed, in seconds.") var seconds: Double = 60
    @Option(help: "Plans per second.") var rate: Double = 4
    @Option(help: "Seed of the plan mix.") var seed: UInt64 = 1
    @Option(help: "SYMBOL=QTY entry sizes, comma-separated; the symbols fed.")
    var sizes = "BTCUSDT=0.004,ETHUSDT=0.12,SOLUSDT=3,DOGEUSDT=2500,ANKRUSDT=15000"
    @Option(help: "Append one line per published plan (plan id, kind, symbol, stream id) to this file.")
    var record: String?

    func run() async throws {
        let chaos = ChaosEnvironment()
        let redis = try chaos.redis(name: "chaos-feed")
        let symbols = try Self.parseSizes(sizes)
        var random = SeededGenerator(seed: seed)
        let recorder = try record.map { try PlanRecord(path: $0) }
        let deadline = Date().addingTimeInterval(seconds)
        var published = 0
        while Date() < deadline {
            let (symbol, size) = symbols[Int.random(in: 0..<symbols.count, using: &random)]
            let id = "cx-\(seed)-\(published)"
            let (plan, kind) = Self.plan(id: id, symbol: symbol, size: size, random: &random)
            let streamID = await publish(plan.encode(), on: chaos.planStream, redis: redis, until: deadline)
            if let streamID {
                recorder?.append("\(id) \(kind) \(symbol) \(streamID)")
                published += 1
            }
            try await Task.sleep(for: .milliseconds(Int(1000 / max(rate, 0.1))))
        }
        print("fed \(published) plans")
    }

    /// XADD with retries while Redis is down; nil when the deadline passed first.
    private func publish(_ fields: [(String, String)], on stream: String, redis: RedisClient, until deadline: Date)
        async -> String?
    {
        while Date() < deadline.addingTimeInterval(30) {
            if let id = try? await redis.streamAdd(stream, fields) { return id }
            try? await Task.sleep(for: .milliseconds(200))
        }
        return nil
    }

    /// One plan of the mix: 45 % entries, 40 % closes (harvest shape full or partial, flat shape
    /// by quantity), 15 % SKIP / BLOCKED decisions that must never trade.
    static func plan(id: String, symbol: String, size: Decimal, random: inout SeededGenerator) -> (ApplyPlan, String) {
        let now = Date().timeIntervalSince1970
        let roll = Double.random(in: 0..<1, using: &random)
        if roll < 0.45 {
            let side: EntryPlan.Side = random.chance(0.5) ? .buy : .sell
            return (
                .entry(
                    EntryPlan(
                        planID: id, symbol: symbol, side: side, qty: size, leverage: 5, stopLoss: nil,
                        takeProfit: nil, source: "chaos", signature: "chaos", timestamp: now)), "entry"
            )
        }
        if roll < 0.85 {
            switch Int.random(in: 0..<3, using: &random) {
            case 0:
                return (
                    .close(
                        ClosePlan(
                            planID: id, symbol: symbol, shape: .harvest, action: "FULL_CLOSE_PROPOSED",
                            steps: [.close(percent: 100)], source: "chaos", timestamp: now)), "close_full"
                )
            case 1:
                return (
                    .close(
                        ClosePlan(
                            planID: id, symbol: symbol, shape: .harvest, action: "PARTIAL_50",
                            steps: [.close(percent: 50)], source: "chaos", timestamp: now)), "close_partial"
                )
            default:
                return (
                    .close(
                        ClosePlan(
                            planID: id, symbol: symbol, shape: .flat, action: nil, orderType: "MARKET",
                            qty: size / 2, source: "chaos", timestamp: now)), "close_qty"
                )
            }
        }
        let decision: PlanDecision = random.chance(0.5) ? PlanDecision("SKIP") : PlanDecision("BLOCKED")
        return (
            .entry(
                EntryPlan(
                    planID: id, decision: decision, symbol: symbol, side: .buy, qty: size, leverage: nil,
                    stopLoss: nil, takeProfit: nil, source: "chaos", signature: "chaos", timestamp: now)),
            "not_executed"
        )
    }

    static func parseSizes(_ text: String) throws -> [(String, Decimal)] {
        let pairs = try text.split(separator: ",").map { item -> (String, Decimal) in
            let parts = item.split(separator: "=")
            guard parts.count == 2, let size = Decimal(string: String(parts[1])), size > 0 else {
                throw ValidationError("--sizes wants SYMBOL=QTY pairs, got \(item)")
            }
            return (String(parts[0]), size)
        }
        guard !pairs.isEmpty else { throw ValidationError("--sizes names no symbol") }
        return pairs
    }
}
