import Foundation
import Testing

@testable import Shared

/// Every message in Fixtures/wire-examples.json decodes into what a consumer needs.
///
/// The fixture data comes from the original Python services (shared/fixtures/wire-examples.json):
/// field names, casing and formats exactly as the Python apply layer, intent bridge, governor,
/// harvest brain and intent executor wrote them.
@Suite("Wire fixture messages")
struct WireFixtureTests {
    struct Examples: Decodable {
        var plans: [String: [String: String]]
        var results: [String: [String: String]]

        enum CodingKeys: String, CodingKey {
            case plans = "apply.plan"
            case results = "apply.result"
        }
    }

    static func examples() throws -> Examples {
        let url = try #require(
            Bundle.module.url(forResource: "wire-examples", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Examples.self, from: Data(contentsOf: url))
    }

    static func plan(_ name: String) throws -> ApplyPlan {
        let fields = try #require(try examples().plans[name], "missing fixture \(name)")
        return try ApplyPlan(fields: fields)
    }

    static func result(_ name: String) throws -> ApplyResult {
        let fields = try #require(try examples().results[name], "missing fixture \(name)")
        return try ApplyResult(fields: fields)
    }

    @Test("the fixture holds the messages these tests cover")
    func fixtureCoverage() throws {
        let examples = try Self.examples()
        #expect(examples.plans.count == 6)
        #expect(examples.results.count == 5)
        for (name, fields) in examples.plans {
            #expect(throws: Never.self, "\(name)") { try ApplyPlan(fields: fields) }
        }
        for (name, fields) in examples.results {
            #expect(throws: Never.self, "\(name)") { try ApplyResult(fields: fields) }
        }
    }

    @Test("harvest full close: close plan of 100 % with its scores")
    func harvestFullClose() throws {
        guard case .close(let plan) = try Self.plan("harvest_full_close_from_diagnosis") else {
            Issue.record("not a close plan")
            return
        }
        #expect(plan.planID == "d2d10df095f9c572" && plan.symbol == "ETHUSDT" && plan.decision == .execute)
        #expect(plan.shape == .harvest && plan.action == "FULL_CLOSE_PROPOSED")
        #expect(plan.killScore == 0.7119699587849092 && plan.kTsDrop == 0.24159399999999998 && plan.rNet == 9.76)
        #expect(plan.newStopLoss == Decimal(string: "50.14999999999999"))
        #expect(plan.reasonCodes == ["kill_score_close_ok"])
        #expect(plan.steps == [PlanStep(step: "CLOSE_FULL", type: "market_reduce_only", side: "close", pct: 100)])
        #expect(plan.closeQty == 0 && plan.timestamp == 1_770_133_359)
        #expect(try plan.requestedClose() == .percent(100))
        #expect(try plan.requestedQuantity(positionQty: Decimal(string: "0.5")!) == Decimal(string: "0.5"))
    }

    @Test("harvest partial 75: 75 % from the step, empty stop read as none")
    func harvestPartial75() throws {
        guard case .close(let plan) = try Self.plan("harvest_partial_75") else {
            Issue.record("not a close plan"); return
        }
        #expect(plan.symbol == "SOLUSDT" && plan.newStopLoss == nil && plan.steps.first?.step == "CLOSE_PARTIAL_75")
        #expect(try plan.requestedClose() == .percent(75))
        #expect(try plan.requestedQuantity(positionQty: 8) == 6)
    }

    @Test("harvest SKIP duplicate: close plan whose decision is answered, not executed")
    func harvestSkip() throws {
        guard case .close(let plan) = try Self.plan("harvest_skip_duplicate") else {
            Issue.record("not a close plan"); return
        }
        #expect(plan.decision == .skip && plan.decision.resultError == "decision_SKIP")
        #expect(plan.steps.isEmpty && plan.action == "PARTIAL_25")
        #expect(try plan.requestedClose() == .percent(25))
    }

    @Test("intent bridge entry: BUY with Python float qty and levels")
    func intentBridgeEntry() throws {
        guard case .entry(let plan) = try Self.plan("intent_bridge_entry") else { Issue.record("not an entry"); return }
        #expect(plan.planID == "5e1f0c2a9b7d4e11" && plan.symbol == "ANKRUSDT" && plan.side == .buy)
        #expect(plan.qty == Decimal(string: "33892.56058295204") && plan.orderType == "MARKET")
        #expect(plan.leverage == 10 && plan.stopLoss == Decimal(string: "0.00571"))
        #expect(plan.takeProfit == Decimal(string: "0.00612") && plan.source == "intent_bridge")
        #expect(plan.entryPrice == nil && plan.action == nil && plan.timestamp == 1_770_133_200)
    }

    @Test("governor rotation: flat close with qty 0 closes 100 % by its action")
    func governorRotation() throws {
        guard case .close(let plan) = try Self.plan("governor_rotation_close") else {
            Issue.record("not a close plan"); return
        }
        #expect(plan.planID == "rot_5e1f0c2a_GPSUSDT" && plan.shape == .flat && plan.side == "CLOSE")
        #expect(plan.reduceOnly == true && plan.qty == 0 && plan.timestamp == 1_770_133_201.5372)
        #expect(try plan.requestedClose() == .percent(100))
    }

    @Test("harvest brain live close: flat close of an explicit quantity")
    func harvestBrainFlatClose() throws {
        guard case .close(let plan) = try Self.plan("harvest_brain_live_flat_close") else {
            Issue.record("not a close plan"); return
        }
        #expect(plan.shape == .flat && plan.side == "SELL" && plan.action == nil && plan.source == "harvest_brain")
        #expect(plan.reason == "[P2] R=6.1R >= T3=6R (75% harvest)")
        #expect(try plan.requestedClose() == .quantity(Decimal(string: "2351.835")!))
        #expect(try plan.requestedQuantity(positionQty: 1000) == 1000)
        #expect(try plan.requestedPercent(positionQty: Decimal(string: "4703.67")!) == 50)
    }

    @Test("Python close success result: executed fill without steps_results")
    func pythonCloseSuccess() throws {
        let result = try Self.result("python_apply_layer_close_success")
        #expect(result.planID == "d2d10df095f9c572" && result.executed && result.reduceOnly && result.isFill)
        #expect(result.filledQty == Decimal(string: "0.5") && result.closeQty == Decimal(string: "0.5"))
        #expect(result.closePct == 100 && result.orderID == "8389765612345" && result.status == "FILLED")
        #expect(result.side == "SELL" && result.error.isEmpty && result.decision == nil)
    }

    @Test("Python duplicate result: not executed, error duplicate_plan")
    func pythonDuplicate() throws {
        let result = try Self.result("python_apply_layer_duplicate")
        #expect(!result.executed && !result.wouldExecute && result.decision == .skip)
        #expect(result.error == "duplicate_plan" && result.errorCode == "duplicate_plan" && result.stepsResults.isEmpty)
    }

    @Test("Python reduce-only rejection: execution_failed with the exchange body")
    func pythonRejected() throws {
        let result = try Self.result("python_apply_layer_reduce_only_rejected")
        #expect(!result.executed && result.errorCode == "execution_failed")
        #expect(result.error.contains("-2022") && result.symbol == "BTCUSDT")
    }

    @Test("intent executor fill: fields nested in details are read")
    func intentExecutorFill() throws {
        let result = try Self.result("intent_executor_fill")
        #expect(result.executed && result.source == "intent_executor" && result.side == "BUY")
        #expect(result.filledQty == 33892 && result.orderID == "73028792" && result.status == "FILLED")
        #expect(result.timestamp == 1_770_133_203 && result.isFill)
    }

    @Test("stale backlog event: no plan id, filled qty 0, countable and ackable")
    func staleBacklog() throws {
        let result = try Self.result("stale_execution_event_from_backlog")
        #expect(result.planID == nil && result.symbol == "EGLDUSDT" && result.status == "filled")
        #expect(result.filledQty == 0 && !result.isFill && !result.executed)
    }
}
