import Foundation
import Testing

@testable import Shared

/// apply.plan: recognition, encoders, round trips, malformed input, the close quantity rule.
@Suite("Apply plans")
struct ApplyPlanTests {
    static let entryFields: [String: String] = [
        "plan_id": "5e1f0c2a9b7d4e11", "decision": "EXECUTE", "symbol": "ANKRUSDT", "side": "BUY",
        "type": "MARKET", "qty": "100", "reduceOnly": "false", "timestamp": "1770133200",
    ]

    static func decode(_ fields: [String: String]) throws -> ApplyPlan { try ApplyPlan(fields: fields) }

    static func error(_ fields: [String: String]) -> WireError? {
        #expect(throws: WireError.self) { try ApplyPlan(fields: fields) }
    }

    static func with(_ changes: [String: String?]) -> [String: String] {
        var fields = entryFields
        for (key, value) in changes { fields[key] = value }
        return fields
    }

    @Test("exitbrain close plan encodes in wire.md's harvest shape")
    func exitbrainCloseEncoding() {
        let plan = ClosePlan.exitbrain(
            planID: "a52342c8048f2a12", symbol: "ETHUSDT", action: "FULL_CLOSE_PROPOSED", percent: 100,
            killScore: 0.7119699587849092, kRegimeFlip: 1, kSigmaSpike: 0, kTsDrop: 0.24159399999999998,
            kAgePenalty: 0.041666666666666664, rNet: 9.76, newStopLoss: nil, reasonCodes: ["kill_score_close_ok"],
            timestamp: 1_770_133_359.8)
        let pairs = plan.encode()
        let fields = Dictionary(pairs, uniquingKeysWith: { $1 })
        #expect(pairs.map(\.0).first == "plan_id" && pairs.map(\.0).last == "timestamp")
        #expect(
            fields["steps"] == #"[{"step": "CLOSE_FULL", "type": "market_reduce_only", "side": "close", "pct": 100.0}]"#
        )
        #expect(fields["kill_score"] == "0.7119699587849092" && fields["k_regime_flip"] == "1.0")
        #expect(fields["qty"] == "0" && fields["close_qty"] == "0" && fields["side"] == "CLOSE")
        #expect(
            fields["source"] == "exitbrain" && fields["reduceOnly"] == "true" && fields["timestamp"] == "1770133359")
        #expect(fields["new_sl_proposed"] == nil && fields["price"] == nil)
        #expect(!pairs.contains { $0.1.isEmpty && $0.0 != "reason_codes" })
    }

    @Test("close, entry and stop plans survive encode then decode")
    func roundTrips() throws {
        let close = ClosePlan.exitbrain(
            planID: "0b6c5f0e9a1d2c33", symbol: "SOLUSDT", action: "PARTIAL_75", percent: 75, killScore: 0.5,
            kRegimeFlip: 0, kSigmaSpike: 0.25, kTsDrop: 0, kAgePenalty: 0, rNet: 6.4,
            newStopLoss: Decimal(string: "141.07"), reasonCodes: ["harvest_partial_75", "profit_lock"],
            timestamp: 1_770_133_369)
        let entry = EntryPlan(
            planID: "prop:abc_1", symbol: "BTCUSDT", side: .sell, qty: Decimal(string: "0.001")!,
            leverage: 5, stopLoss: Decimal(string: "101000.5"), takeProfit: Decimal(string: "95000"),
            atrValue: Decimal(string: "850.25"), volatilityFactor: Decimal(string: "1.5"),
            entryPrice: Decimal(string: "98000.1"), source: "applylayer", signature: "operator",
            timestamp: 1_770_133_400)
        let stop = StopLossUpdate(
            planID: "sl-1", symbol: "ETHUSDT", stopPrice: Decimal(string: "50.15")!, killScore: 0.3, rNet: 2,
            reasonCodes: ["profit_lock"], source: "exitbrain", timestamp: 1_770_133_500)
        let flat = ClosePlan(
            planID: "7a0c3e1b5d9f2a44", symbol: "ARCUSDT", shape: .flat, action: nil, side: "SELL",
            orderType: "MARKET", qty: Decimal(string: "2351.835"), source: "harvest_brain", signature: "harvest_brain",
            reason: "R ladder", timestamp: 1_770_133_400)
        for plan in [ApplyPlan.close(close), .entry(entry), .updateStopLoss(stop), .close(flat)] {
            let decoded = try ApplyPlan(fields: WireFields(pairs: plan.encode()))
            #expect(decoded == plan)
        }
    }

    @Test("close recognition: action in any case, side CLOSE, or reduceOnly true")
    func closeRecognition() throws {
        let cases: [[String: String?]] = [
            ["action": "partial_50"], ["action": "Full_Close"], ["action": "CLOSE"], ["side": "CLOSE"],
            ["reduceOnly": "True"], ["reduceOnly": "1"], ["action": "PARTIAL_CLOSE_PROPOSED"],
        ]
        for change in cases {
            guard case .close = try Self.decode(Self.with(change)) else {
                Issue.record("not recognised as close: \(change)")
                continue
            }
        }
        guard case .entry(let entry) = try Self.decode(Self.with(["action": "ENTRY_PROPOSED"])) else {
            Issue.record("ENTRY_PROPOSED not an entry")
            return
        }
        #expect(entry.side == .buy && entry.qty == 100)
        guard
            case .entry(let noStop) = try Self.decode(
                Self.with(["stop_loss": "0.0", "take_profit": "0", "leverage": "5"]))
        else {
            Issue.record("not an entry")
            return
        }
        #expect(noStop.stopLoss == nil && noStop.takeProfit == nil && noStop.leverage == 5)
    }

    @Test("UPDATE_SL recognised by action or by a stop_loss_order step")
    func stopRecognition() throws {
        let byStep = Self.with([
            "side": nil, "qty": nil, "action": "UNKNOWN",
            "steps":
                #"[{"step": "UPDATE_SL", "type": "stop_loss_order", "side": "close", "price": 50.14999999999999}]"#,
        ])
        guard case .updateStopLoss(let update) = try Self.decode(byStep) else {
            Issue.record("not a stop update"); return
        }
        #expect(update.stopPrice == Decimal(string: "50.14999999999999"))
        let byAction = Self.with(["action": "update_sl", "new_sl_proposed": "101.5", "side": nil])
        guard case .updateStopLoss(let second) = try Self.decode(byAction) else {
            Issue.record("not a stop update"); return
        }
        #expect(second.stopPrice == Decimal(string: "101.5"))
        #expect(Self.error(Self.with(["action": "UPDATE_SL"]))?.field == "price")
    }

    @Test("unknown decisions are kept and answered decision_<value>")
    func unknownDecision() throws {
        let plan = try Self.decode(Self.with(["decision": "RECONCILE_CLOSE", "reduceOnly": "true"]))
        #expect(plan.decision == .other("RECONCILE_CLOSE") && plan.decision.resultError == "decision_RECONCILE_CLOSE")
        #expect(try Self.decode(Self.with(["decision": "blocked"])).decision.resultError == "decision_BLOCKED")
    }

    @Test(
        "malformed plans give a WireError naming the field",
        arguments: [
            ("plan_id", ["plan_id": nil] as [String: String?], WireError.Code.missing),
            ("plan_id", ["plan_id": ""], .empty),
            ("plan_id", ["plan_id": "a/b"], .invalidFormat),
            ("plan_id", ["plan_id": String(repeating: "a", count: 65)], .tooLong),
            ("plan_id", ["plan_id": "abc\u{FFFD}"], .invalidFormat),
            ("qty", ["qty": "abc"], .notANumber),
            ("qty", ["qty": "-1"], .outOfRange),
            ("qty", ["qty": "nan"], .notANumber),
            ("qty", ["qty": "0"], .outOfRange),
            ("qty", ["qty": "1e40"], .outOfRange),
            ("qty", ["qty": String(repeating: "1", count: 1_000_000)], .tooLong),
            ("qty", ["qty": "1\u{FFFD}"], .notANumber),
            ("qty", ["qty": nil], .missing),
            ("symbol", ["symbol": "btcusdt"], .invalidFormat),
            ("symbol", ["symbol": "BTC\u{FFFD}USDT"], .invalidFormat),
            ("side", ["side": "UP"], .unknownValue),
            ("action", ["action": "MOON"], .unknownValue),
            ("decision", ["decision": nil], .missing),
            ("timestamp", ["timestamp": "yesterday"], .notANumber),
            ("reduceOnly", ["reduceOnly": "perhaps"], .unknownValue),
            ("steps", ["reduceOnly": "true", "steps": "[{"], .notValidJSON),
            ("steps", ["reduceOnly": "true", "steps": String(repeating: "x", count: 1_000_000)], .tooLong),
            (
                "steps.pct", ["reduceOnly": "true", "steps": #"[{"type": "market_reduce_only", "pct": 150}]"#],
                .outOfRange
            ),
            ("leverage", ["leverage": "ten"], .notANumber),
        ])
    func malformed(field: String, change: [String: String?], code: WireError.Code) {
        let error = Self.error(Self.with(change))
        #expect(error?.field == field)
        #expect(error?.code == code)
        #expect((error?.description.count ?? 0) < 200)
    }

    @Test("a header still decodes from a plan that does not, to answer or dead-letter it")
    func headerFallback() throws {
        let hold: [String: String] = [
            "plan_id": "d2d10df095f9c572", "symbol": "ETHUSDT", "action": "HOLD", "decision": "SKIP",
            "steps": "[]", "timestamp": "1770133374",
        ]
        #expect(Self.error(hold)?.field == "action")
        let header = try ApplyPlan.Header(fields: WireFields(hold))
        #expect(header.planID == "d2d10df095f9c572" && header.decision == .skip && header.symbol == "ETHUSDT")
        #expect(throws: WireError.self) { try ApplyPlan.Header(fields: WireFields(["symbol": "ETHUSDT"])) }
    }

    @Test("close quantity rule: step pct, then action, then qty, else close_qty_unspecified")
    func closeQuantityRule() throws {
        func close(_ fields: [String: String]) throws -> ClosePlan {
            var base: [String: String] = [
                "plan_id": "p1", "decision": "EXECUTE", "symbol": "BTCUSDT", "timestamp": "1770133200",
            ]
            base.merge(fields) { $1 }
            guard case .close(let plan) = try ApplyPlan(fields: base) else { throw WireError.missing("close") }
            return plan
        }
        let stepWins = try close([
            "action": "FULL_CLOSE_PROPOSED", "qty": "3",
            "steps":
                #"[{"step": "UPDATE", "type": "other"}, {"step": "CLOSE_PARTIAL_50", "type": "market_reduce_only", "pct": 50.0}]"#,
        ])
        #expect(try stepWins.requestedClose() == .percent(50))
        #expect(try close(["action": "PARTIAL_75", "qty": "3", "steps": "[]"]).requestedClose() == .percent(75))
        #expect(
            try close(["action": "FULL_CLOSE_PROPOSED", "side": "CLOSE", "qty": "0"]).requestedClose() == .percent(100))
        #expect(try close(["side": "SELL", "reduceOnly": "true", "qty": "0.25"]).requestedClose() == .quantity(0.25))
        #expect(try close(["action": "PARTIAL_CLOSE_PROPOSED", "close_qty": "2"]).requestedClose() == .quantity(2))
        #expect(try close(["side": "BUY", "reduceOnly": "true", "qty": "5"]).requestedQuantity(positionQty: -2) == 2)
        let unspecified = try close(["side": "CLOSE", "qty": "0"])
        let error = #expect(throws: WireError.self) { try unspecified.requestedClose() }
        #expect(error?.code == .closeQuantityUnspecified && error?.code.rawValue == "close_qty_unspecified")
        let third = try close(["side": "SELL", "reduceOnly": "true", "qty": "1"])
        #expect(try third.requestedPercent(positionQty: 3) == Decimal(string: "33.333333"))
    }
}
