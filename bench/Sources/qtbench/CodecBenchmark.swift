import Foundation
import Shared

/// The wire codec as applylayer uses it for every plan: decode the apply.plan message
/// (`ApplyPlan(fields:)`), build the close's apply.result and encode it (`ApplyResult.encode()`).
/// Timed apart (decode, encode) and together (one plan in, one result out).
struct CodecBenchmark {
    var message: PlanMessage
    var count: Int

    func run() throws(BenchError) -> [BenchResult] {
        let plan = try decode()
        let result = Self.result(for: plan)
        return [
            try measure("codec.decode_plan") { () throws(BenchError) in _ = try decode() },
            try measure("codec.encode_result") { () throws(BenchError) in BlackHole.consume(result.encode()) },
            try measure("codec.plan_result") { () throws(BenchError) in
                BlackHole.consume(Self.result(for: try decode()).encode())
            },
        ]
    }

    private func measure(_ name: String, _ operation: () throws(BenchError) -> Void) throws(BenchError) -> BenchResult {
        var histogram = LatencyHistogram()
        for _ in 0..<min(count, 1000) { try operation() }
        let start = Monotonic.nanoseconds()
        for _ in 0..<count {
            let before = Monotonic.nanoseconds()
            try operation()
            histogram.record(nanoseconds: Monotonic.nanoseconds() - before)
        }
        let elapsed = Monotonic.nanoseconds() - start
        return BenchResult(
            name: name, count: count, latency: histogram.summary(),
            throughput: Double(count) / (Double(elapsed) / 1e9), unit: "op")
    }

    private func decode() throws(BenchError) -> ClosePlan {
        let plan: ApplyPlan
        do {
            plan = try ApplyPlan(fields: WireFields(pairs: message.fields))
        } catch {
            throw .codec("the plan does not decode: \(error)")
        }
        guard case .close(let close) = plan else { throw .codec("the plan is not a close") }
        BlackHole.consume(close)
        return close
    }

    /// The result of a filled close, with the numbers as decimals parsed from text (as they come
    /// back from the exchange).
    private static func result(for close: ClosePlan) -> ApplyResult {
        ApplyResult(
            planID: close.planID, symbol: close.symbol, action: close.action, decision: close.decision,
            executed: true, wouldExecute: true, reduceOnly: true, side: "SELL", closePct: 100,
            closeQty: Decimal(string: "0.034"), filledQty: Decimal(string: "0.034"),
            avgPrice: Decimal(string: "3012.45"), orderID: "8389765432", clientOrderID: "qx-" + close.planID,
            status: "FILLED", realizedPnl: Decimal(string: "1.2345"), commission: Decimal(string: "0.0512"),
            commissionAsset: "USDT", positionSide: "LONG", positionQtyBefore: Decimal(string: "0.034"),
            positionQtyAfter: 0, entryPrice: Decimal(string: "2976.14"), timestamp: close.timestamp)
    }
}
