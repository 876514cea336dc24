import Foundation
import Testing

@testable import Shared

/// apply.result: what the applylayer writes, and tolerant reading of every variant.
@Suite("Apply results")
struct ApplyResultTests {
    static let fill = ApplyResult(
        planID: "d2d10df095f9c572", symbol: "ETHUSDT", action: "FULL_CLOSE_PROPOSED", decision: .execute,
        executed: true, wouldExecute: true, reduceOnly: true, side: "SELL", closePct: 100,
        closeQty: Decimal(string: "0.5"), filledQty: Decimal(string: "0.5"), avgPrice: Decimal(string: "3120.45"),
        orderID: "8389765612345", clientOrderID: "ab-d2d10df095f9c572", status: "FILLED",
        realizedPnl: Decimal(string: "-12.3"), commission: Decimal(string: "0.78011"), commissionAsset: "USDT",
        positionSide: "LONG", positionQtyBefore: Decimal(string: "0.5"), positionQtyAfter: 0,
        entryPrice: Decimal(string: "3145.05"),
        stepsResults: [
            .init(
                step: "CLOSE_FULL", status: "FILLED", orderID: "8389765612345", executedQty: Decimal(string: "0.5"),
                avgPrice: Decimal(string: "3120.45"), side: "SELL", reduceOnly: true)
        ],
        timestamp: 1_770_133_362)

    static func fields(_ result: ApplyResult) -> [String: String] {
        Dictionary(result.encode(), uniquingKeysWith: { $1 })
    }

    @Test("an executed close writes True/False, plain decimals and the fill element")
    func executedEncoding() throws {
        let fields = Self.fields(Self.fill)
        #expect(fields["executed"] == "True" && fields["would_execute"] == "True" && fields["reduceOnly"] == "True")
        #expect(fields["filled_qty"] == "0.5" && fields["avg_price"] == "3120.45" && fields["realized_pnl"] == "-12.3")
        #expect(fields["close_pct"] == "100" && fields["error"] == "" && fields["source"] == "applylayer")
        #expect(fields["timestamp"] == "1770133362" && fields["position_qty_after"] == "0")
        #expect(fields["qty"] == nil && fields["price"] == nil)
        #expect(
            fields["steps_results"]
                == #"[{"step": "CLOSE_FULL", "status": "FILLED", "order_id": "8389765612345", "executed_qty": "0.5", "avg_price": "3120.45", "side": "SELL", "reduce_only": true}]"#
        )
    }

    @Test("an executed result never has empty numbers and always ends with a complete fill element")
    func executedWithoutDetails() throws {
        let bare = ApplyResult(
            planID: "p2", symbol: "BTCUSDT", action: "ENTRY_PROPOSED", decision: .execute, executed: true,
            wouldExecute: true, side: "BUY", filledQty: Decimal(string: "0.002"), orderID: "42", status: "FILLED",
            timestamp: 1_770_133_000)
        let fields = Self.fields(bare)
        for name in ["filled_qty", "avg_price", "realized_pnl", "commission"] {
            #expect(fields[name].map { !$0.isEmpty } == true, "\(name)")
        }
        let steps = try ApplyResult.StepResult.decodeList(WireJSON.parse(try #require(fields["steps_results"])))
        let last = try #require(steps.last)
        #expect(last.isCompleteFill && last.orderID == "42" && last.executedQty == Decimal(string: "0.002"))
        #expect(last.side == "BUY" && last.reduceOnly == false)
    }

    @Test("a refused plan writes its error and no fill numbers")
    func refusedEncoding() {
        let refused = ApplyResult(
            planID: "p3", symbol: "BTCUSDT", action: "PARTIAL_75", decision: .skip, error: "decision_SKIP",
            timestamp: 1_770_133_001)
        let pairs = refused.encode()
        let fields = Dictionary(pairs, uniquingKeysWith: { $1 })
        #expect(fields["executed"] == "False" && fields["error"] == "decision_SKIP" && fields["steps_results"] == "[]")
        #expect(fields["filled_qty"] == nil && fields["avg_price"] == nil && fields["decision"] == "SKIP")
        #expect(pairs.map(\.0).prefix(4) == ["plan_id", "symbol", "action", "decision"])
    }

    @Test("results survive encode then decode")
    func roundTrip() throws {
        let refused = ApplyResult(
            planID: "p3", symbol: "BTCUSDT", action: "PARTIAL_75", decision: .other("DENIED"),
            error: "exchange_rejected:-2022", side: "SELL", closePct: 75, closeQty: Decimal(string: "0.75"),
            timestamp: 1_770_133_001)
        for result in [Self.fill, refused] {
            let decoded = try ApplyResult(fields: WireFields(pairs: result.encode()))
            #expect(decoded == result)
        }
        #expect(refused.errorCode == "exchange_rejected")
    }

    @Test("aliases: quantity, order_status, reduce_only, lower-case booleans, steps_results fallbacks")
    func aliases() throws {
        let result = try ApplyResult(fields: [
            "plan_id": "x1", "symbol": "BTCUSDT", "executed": "true", "reduce_only": "yes", "order_status": "FILLED",
            "quantity": "0.01", "timestamp": "1770133000123",
        ])
        #expect(
            result.executed && result.reduceOnly && result.status == "FILLED"
                && result.filledQty == Decimal(string: "0.01"))
        #expect(result.timestamp == 1_770_133_000.123)
        let fromSteps = try ApplyResult(fields: [
            "plan_id": "x2", "symbol": "BTCUSDT", "executed": "True", "timestamp": "1770133000",
            "steps_results":
                #"[{"step": "CLOSE_FULL", "status": "success", "order_id": 991, "side": "SELL", "quantity": "0.5", "executed_qty": "0.4", "reduce_only": true}]"#,
        ])
        #expect(fromSteps.filledQty == Decimal(string: "0.4") && fromSteps.orderID == "991")
        #expect(fromSteps.stepsResults.first?.quantity == Decimal(string: "0.5"))
        let refused = try ApplyResult(fields: [
            "plan_id": "x3", "symbol": "BTCUSDT", "executed": "false", "timestamp": "1770133000",
            "details": #"{"error": "p33_permit_denied:cap", "qty": 0.5, "decision": "BLOCKED"}"#,
        ])
        #expect(refused.filledQty == nil && refused.error == "p33_permit_denied:cap" && refused.decision == .blocked)
    }

    @Test(
        "malformed results give a WireError naming the field",
        arguments: [
            ("symbol", ["symbol": nil] as [String: String?], WireError.Code.missing),
            ("timestamp", ["timestamp": nil], .missing),
            ("executed", ["executed": "maybe"], .unknownValue),
            ("filled_qty", ["filled_qty": "-1"], .outOfRange),
            ("filled_qty", ["filled_qty": "abc"], .notANumber),
            ("plan_id", ["plan_id": "bad id"], .invalidFormat),
            ("details", ["details": "{not json"], .notValidJSON),
            ("steps_results", ["steps_results": "{}"], .notValidJSON),
            ("steps_results.executed_qty", ["steps_results": #"[{"executed_qty": "nan"}]"#], .notANumber),
        ])
    func malformed(field: String, change: [String: String?], code: WireError.Code) {
        var fields = ["plan_id": "p1", "symbol": "BTCUSDT", "executed": "False", "timestamp": "1770133000"]
        for (key, value) in change { fields[key] = value }
        let error = #expect(throws: WireError.self) { try ApplyResult(fields: fields) }
        #expect(error?.field == field)
        #expect(error?.code == code)
    }
}
