import Foundation
import Shared

/// Generates the seeded hostile messages of a chaos run: malformed, wrong-typed and out-of-range
/// plans and results, unknown enums, 1 MB values, non-UTF-8 bytes, injection strings in every
/// field, odd field names, and replays of real plan ids with different content.
struct HostileGenerator {
    var random: SeededGenerator
    /// Plan ids the feeder used (`{prefix}{n}`), replayed with other content: must not trade twice.
    let replayPrefix: String
    let replayMax: Int
    /// One message in this many carries a 1 MB value.
    let megabyteEvery: Int

    init(seed: UInt64, replayPrefix: String, replayMax: Int, megabyteEvery: Int = 500) {
        random = SeededGenerator(seed: seed ^ 0xBAD)
        self.replayPrefix = replayPrefix
        self.replayMax = replayMax
        self.megabyteEvery = megabyteEvery
    }

    mutating func message(_ index: Int) -> HostileMessage {
        let target: HostileMessage.Target = random.chance(0.6) ? .plan : .result
        var fields = target == .plan ? basePlan(index) : baseResult(index)
        let category: String
        if index % megabyteEvery == megabyteEvery - 1 {
            category = "megabyte_value"
            let at = Int.random(in: 0..<fields.count, using: &random)
            fields[at].1 = [UInt8](repeating: UInt8(ascii: "A"), count: HostileMessage.megabyte)
            return HostileMessage(target: target, category: category, fields: fields)
        }
        switch Int.random(in: 0..<9, using: &random) {
        case 0:
            category = "missing_field"
            fields.remove(at: Int.random(in: 0..<fields.count, using: &random))
            if random.chance(0.2) { fields = [(Array("x".utf8), Array("1".utf8))] }
        case 1:
            category = "wrong_type"
            let wrong = ["abc", "{}", "[]", "true", "null", "[{\"step\": 1}]", "{\"pct\": \"all\"}", "0x1F"]
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let at = Int.random(in: 0..<fields.count, using: &random)
                fields[at].1 = Array(wrong.randomElement(using: &random)!.utf8)
            }
        case 2:
            category = "bad_number"
            let numeric: Set = [
                "qty", "close_qty", "leverage", "timestamp", "filled_qty", "avg_price", "price",
                "realized_pnl", "commission", "stop_loss", "kill_score", "order_id",
            ]
            for at in fields.indices where numeric.contains(String(decoding: fields[at].0, as: UTF8.self)) {
                if random.chance(0.6) {
                    fields[at].1 = Array(HostileMessage.badNumbers.randomElement(using: &random)!.utf8)
                }
            }
            if target == .result { set(&fields, "executed", "True") }
        case 3:
            category = "unknown_enum"
            set(
                &fields, "action",
                ["EXPLODE", "UPDATE_SL", "PARTIAL_999", "close ", "FULL_CLOSE_PROPOSED\u{0}"].randomElement(
                    using: &random)!)
            set(&fields, "decision", ["MAYBE", "execute ", "EXECUTE;DROP", "", "SKIP"].randomElement(using: &random)!)
            set(&fields, "side", ["SIDEWAYS", "buy sell", "LONG", "CLOSE", ""].randomElement(using: &random)!)
            if target == .result {
                set(&fields, "executed", ["yes", "2", "TRUE ", "None"].randomElement(using: &random)!)
            }
        case 4:
            category = "non_utf8"
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let at = Int.random(in: 0..<fields.count, using: &random)
                let bytes = HostileMessage.invalidUTF8.randomElement(using: &random)!
                if random.chance(0.3) { fields[at].0 = bytes } else { fields[at].1 = bytes }
            }
        case 5:
            category = "injection"
            for at in fields.indices {
                let name = String(decoding: fields[at].0, as: UTF8.self)
                if name == "plan_id", random.chance(0.5) { continue }
                if name == "executed" { continue }
                fields[at].1 = Array(HostileMessage.injections.randomElement(using: &random)!.utf8)
            }
        case 6:
            category = "field_names"
            switch Int.random(in: 0..<3, using: &random) {
            case 0: fields.append(([], Array("empty name".utf8)))
            case 1: fields += fields
            default:
                for n in 0..<500 { fields.append((Array("f\(n)".utf8), Array("v".utf8))) }
            }
        case 7 where target == .plan && replayMax > 0:
            category = "replayed_plan_id"
            set(&fields, "plan_id", "\(replayPrefix)\(Int.random(in: 0..<replayMax, using: &random))")
            set(&fields, "qty", "0.001")
        default:
            category = "unlisted_symbol"
            set(
                &fields, "symbol",
                ["FAKEUSDT", "btcusdt", "BTC-USDT", "A", String(repeating: "X", count: 40)].randomElement(
                    using: &random)!)
        }
        return HostileMessage(target: target, category: category, fields: fields)
    }

    private func set(_ fields: inout [([UInt8], [UInt8])], _ name: String, _ value: String) {
        let key = Array(name.utf8)
        if let at = fields.firstIndex(where: { $0.0 == key }) {
            fields[at].1 = Array(value.utf8)
        } else {
            fields.append((key, Array(value.utf8)))
        }
    }

    private mutating func basePlan(_ index: Int) -> [([UInt8], [UInt8])] {
        let now = String(Int(Date().timeIntervalSince1970))
        let pairs: [(String, String)]
        if random.chance(0.5) {
            pairs = [
                ("plan_id", "hp-\(index)"), ("decision", "EXECUTE"), ("symbol", "BTCUSDT"), ("side", "BUY"),
                ("qty", "0.004"), ("leverage", "5"), ("source", "chaos-hostile"), ("timestamp", now),
            ]
        } else {
            pairs = [
                ("plan_id", "hp-\(index)"), ("symbol", "ETHUSDT"), ("action", "FULL_CLOSE_PROPOSED"),
                ("decision", "EXECUTE"), ("kill_score", "0.7"), ("reason_codes", "chaos"),
                (
                    "steps",
                    "[{\"step\": \"CLOSE_FULL\", \"type\": \"market_reduce_only\", \"side\": \"close\", \"pct\": 100.0}]"
                ),
                ("close_qty", "0.0"), ("price", ""), ("timestamp", now),
            ]
        }
        return pairs.map { (Array($0.0.utf8), Array($0.1.utf8)) }
    }

    /// A result whose fill is never bookable as it stands: hostile results must not forge PnL.
    private mutating func baseResult(_ index: Int) -> [([UInt8], [UInt8])] {
        let now = String(Int(Date().timeIntervalSince1970))
        let pairs: [(String, String)] = [
            ("plan_id", "hr-\(index)"), ("symbol", "SOLUSDT"), ("action", "FULL_CLOSE_PROPOSED"),
            ("decision", "EXECUTE"),
            ("executed", "False"), ("reduceOnly", "True"), ("filled_qty", "0"), ("side", "SELL"), ("avg_price", "0"),
            ("realized_pnl", "0"), ("commission", "0"), ("error", "chaos_hostile"), ("timestamp", now),
        ]
        return pairs.map { (Array($0.0.utf8), Array($0.1.utf8)) }
    }
}
