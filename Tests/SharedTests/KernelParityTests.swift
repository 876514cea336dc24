import Foundation
import Testing

@testable import Shared

// The expected numbers in Fixtures/kernel-vectors.json come from running the original Python
// kernel (quantum_trader ai_engine/risk_kernel_harvest.py @761e164ff); the file is a copy of
// shared/fixtures/kernel-vectors.json. Do not edit it by hand.

/// One case of kernel-vectors.json: the input as the JSON mapping reads it, and the original's
/// output.
private struct KernelVector {
    var index: Int
    var symbol: String
    var input: KernelInput
    var expected: KernelJSON

    static func loadAll() throws -> [KernelVector] {
        let url = try #require(
            Bundle.module.url(forResource: "kernel-vectors", withExtension: "json", subdirectory: "Fixtures"))
        let document = try KernelJSON.parse(try Data(contentsOf: url))
        guard case .array(let cases)? = document["cases"] else {
            throw KernelInputError(field: "cases", reason: "fixture has no cases")
        }
        return try cases.enumerated().map { index, json in
            KernelVector(
                index: index,
                symbol: (try? json["position"]?.string("symbol", at: "")) ?? "?",
                input: try KernelInput(json: json, path: "cases[\(index)]"),
                expected: try #require(json["expected"])
            )
        }
    }

    var label: String { "case \(index) (\(symbol))" }
}

private func relativeDifference(_ a: Double, _ b: Double) -> Double {
    a == b ? 0 : abs(a - b) / max(abs(a), abs(b))
}

@Suite("Kernel parity with the original")
struct KernelParityTests {
    static let expectedKeys = [
        "harvest_action", "new_sl_proposed", "R_net", "risk_unit", "cost_est", "kill_score",
        "reason_codes", "k_components",
    ]

    @Test("the fixture holds 300 cases covering every action")
    func fixtureCoversEveryAction() throws {
        let vectors = try KernelVector.loadAll()
        #expect(vectors.count == 300)
        let actions = Set(vectors.map { HarvestKernel.evaluate($0.input).action })
        #expect(actions == Set(HarvestAction.allCases))
    }

    @Test("every case gives the original's action, reasons and new stop exactly, numbers to 1e-12")
    func everyCaseMatchesTheOriginal() throws {
        var matching = 0
        for vector in try KernelVector.loadAll() {
            let decision = HarvestKernel.evaluate(vector.input)
            let expected = vector.expected
            var ok = true
            func check(_ condition: Bool, _ what: String) {
                if !condition {
                    ok = false
                    Issue.record("\(vector.label): \(what)")
                }
            }
            let expectedAction = try expected.string("harvest_action", at: "")
            check(
                decision.action.rawValue == expectedAction,
                "harvest_action \(decision.action.rawValue) vs \(expectedAction)")
            let reasons = KernelJSON.array(decision.reasonCodes.map { .string($0.rawValue) })
            check(reasons == expected["reason_codes"], "reason_codes \(reasons.text(pretty: false))")
            let expectedStop = try expected.optionalNumber("new_sl_proposed", at: "")
            let stopText = decision.newStopProposed.map { "\($0)" } ?? "None"
            let expectedStopText = expectedStop.map { "\($0)" } ?? "None"
            check(decision.newStopProposed == expectedStop, "new_sl_proposed \(stopText) vs \(expectedStopText)")
            let components = try #require(expected["k_components"])
            let numbers: [(String, Double, Double)] = [
                ("R_net", decision.rNet, try expected.number("R_net", at: "")),
                ("risk_unit", decision.riskUnit, try expected.number("risk_unit", at: "")),
                ("cost_est", decision.costEstimate, try expected.number("cost_est", at: "")),
                ("kill_score", decision.killScore.value, try expected.number("kill_score", at: "")),
                ("regime_flip", decision.components.regimeFlip, try components.number("regime_flip", at: "")),
                ("sigma_spike", decision.components.sigmaSpike, try components.number("sigma_spike", at: "")),
                ("ts_drop", decision.components.tsDrop, try components.number("ts_drop", at: "")),
                ("age_penalty", decision.components.agePenalty, try components.number("age_penalty", at: "")),
            ]
            for (name, actual, wanted) in numbers {
                check(relativeDifference(actual, wanted) <= 1e-12, "\(name) \(actual) vs \(wanted)")
            }
            if ok { matching += 1 }
        }
        #expect(matching == 300)
    }

    @Test("arithmetic-only outputs are bit-identical to the original (no libm involved)")
    func arithmeticOutputsAreBitIdentical() throws {
        for vector in try KernelVector.loadAll() {
            let decision = HarvestKernel.evaluate(vector.input)
            let expected = vector.expected
            let components = try #require(expected["k_components"])
            #expect(decision.rNet == (try expected.number("R_net", at: "")), "\(vector.label) R_net")
            #expect(decision.riskUnit == (try expected.number("risk_unit", at: "")), "\(vector.label) risk_unit")
            #expect(decision.costEstimate == (try expected.number("cost_est", at: "")), "\(vector.label) cost_est")
            #expect(decision.components.json == components, "\(vector.label) k_components")
        }
    }

    @Test("evaluateJSON on the fixture file prints the original's expected output for every case")
    func evaluateJSONReproducesTheFixture() throws {
        let url = try #require(
            Bundle.module.url(forResource: "kernel-vectors", withExtension: "json", subdirectory: "Fixtures"))
        let printed = try HarvestKernel.evaluateJSON(try Data(contentsOf: url), pretty: false)
        guard case .array(let decisions) = try KernelJSON.parse(Data(printed.utf8)) else {
            Issue.record("evaluateJSON did not print an array")
            return
        }
        let vectors = try KernelVector.loadAll()
        #expect(decisions.count == vectors.count)
        for (vector, printedDecision) in zip(vectors, decisions) {
            // Member order, action, reasons and every number read back from the text, compared
            // with the original's expected object; kill_score within 1e-12 (it goes through exp).
            guard case .object(let members) = printedDecision,
                case .object(let expectedMembers) = vector.expected
            else {
                Issue.record("\(vector.label): not an object")
                continue
            }
            #expect(members.map(\.key) == Self.expectedKeys, "\(vector.label) key order")
            #expect(Set(expectedMembers.map(\.key)) == Set(Self.expectedKeys), "\(vector.label) keys")
            for member in members where member.key != "kill_score" {
                #expect(member.value == vector.expected[member.key], "\(vector.label) \(member.key)")
            }
            let printedK = try printedDecision.number("kill_score", at: "")
            #expect(
                relativeDifference(printedK, try vector.expected.number("kill_score", at: "")) <= 1e-12,
                "\(vector.label) kill_score")
        }
    }
}
