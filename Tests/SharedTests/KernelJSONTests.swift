import Foundation
import Testing

@testable import Shared

/// A valid case in the fixtures' input format; tests edit it.
private let caseText = """
    {"position": {"symbol": "ETHUSDT", "side": "LONG", "entry_price": 50, "current_price": 52.5,
      "peak_price": 53, "trough_price": 49, "age_sec": 3600, "unrealized_pnl": 2.5,
      "current_sl": 49.0, "current_tp": null},
     "market_state": {"sigma": 0.008, "ts": 0.058406, "p_trend": 0.2, "p_mr": 0.3, "p_chop": 0.5},
     "p1_proposal": {"stop_dist_pct": 0.005, "proposed_sl": null, "proposed_tp": null},
     "theta": {"T1_R": 1.8, "T2_R": 3.5, "T3_R": 5.8, "lock_R": 1.2, "be_plus_pct": 0.003,
      "cost_bps": 12.0, "k_regime_flip": 0.8, "k_sigma_spike": 0.6, "k_ts_drop": 0.4,
      "k_age_penalty": 0.2, "kill_threshold": 0.55}}
    """

private func caseJSON() throws -> KernelJSON { try KernelJSON.parse(Data(caseText.utf8)) }

/// The case with `member` of `object` replaced (or removed when `value` is nil).
private func editing(_ object: String, _ member: String, to value: KernelJSON?) throws -> Data {
    guard case .object(var top) = try caseJSON(), let index = top.firstIndex(where: { $0.key == object }),
        case .object(var inner) = top[index].value
    else { throw KernelInputError(field: object, reason: "test setup") }
    inner.removeAll { $0.key == member }
    if let value { inner.append(.init(member, value)) }
    top[index].value = .object(inner)
    return Data(KernelJSON.object(top).text().utf8)
}

private func inputError(_ data: Data) -> KernelInputError? {
    do {
        _ = try HarvestKernel.evaluateJSON(data)
        return nil
    } catch {
        return error
    }
}

@Suite("Kernel JSON mapping")
struct KernelJSONTests {
    @Test("a single case prints one decision object in the fixture's expected format")
    func singleCasePrintsOneObject() throws {
        let text = try HarvestKernel.evaluateJSON(Data(caseText.utf8), pretty: false)
        #expect(text.hasPrefix("{\"harvest_action\":\"FULL_CLOSE_PROPOSED\",\"new_sl_proposed\":50.14999999999999,"))
        let printed = try KernelJSON.parse(Data(text.utf8))
        #expect(try printed.number("kill_score", at: "") == 0.7119699587849092)
        #expect(try printed.number("R_net", at: "") == 9.76)
        #expect(
            printed["reason_codes"]
                == .array(
                    [
                        "harvest_partial_75", "profit_lock", "kill_score_triggered",
                        "regime_flip", "ts_drop",
                    ].map { .string($0) }))
    }

    @Test("an array of cases prints an array of decisions in the same order")
    func arrayPrintsArray() throws {
        let shortCase = String(decoding: try editing("position", "side", to: .string("SHORT")), as: UTF8.self)
        let data = Data("[\(caseText), \(shortCase)]".utf8)
        guard case .array(let decisions) = try KernelJSON.parse(Data(try HarvestKernel.evaluateJSON(data).utf8)) else {
            Issue.record("not an array")
            return
        }
        #expect(decisions.count == 2)
        #expect(decisions[0]["new_sl_proposed"] == .number(50.14999999999999))
        #expect(decisions[1]["new_sl_proposed"] == .null)
    }

    @Test("printed numbers read back to the identical Double")
    func numbersRoundTrip() throws {
        let values = [
            0.7119699587849092, 9.76, 1e-9, 66.89616990500001, -8.024061446520376, 1e22,
            Double.leastNonzeroMagnitude, 0.1 + 0.2,
        ]
        for value in values {
            let text = KernelJSON.number(value).text()
            #expect(try KernelJSON.parse(Data(text.utf8)) == .number(value), "\(text)")
        }
        #expect(KernelJSON.array([.number(.nan), .number(.infinity)]).text(pretty: false) == "[null,null]")
    }

    @Test("strings are escaped and parsed back, member order is kept")
    func stringsAndOrder() throws {
        let value = KernelJSON.object([.init("z", .string("a\"b\\c\n\u{01}é")), .init("a", .bool(true))])
        let parsed = try KernelJSON.parse(Data(value.text(pretty: false).utf8))
        #expect(parsed == value)
        #expect(try KernelJSON.parse(Data(#"["\ud83d\ude00"]"#.utf8)) == .array([.string("😀")]))
    }

    @Test("a case without market_state is rejected, naming the field")
    func missingMarketStateIsRejected() throws {
        guard case .object(var top) = try caseJSON() else { return }
        top.removeAll { $0.key == "market_state" }
        let error = inputError(Data(KernelJSON.object(top).text().utf8))
        #expect(error?.field == "market_state")
        #expect(error?.description.contains("no market state, no decision") == true)
    }

    @Test("a missing or mistyped field is rejected with its path")
    func badFieldsAreRejected() throws {
        #expect(inputError(try editing("position", "entry_price", to: nil))?.field == "position.entry_price")
        #expect(
            inputError(try editing("market_state", "sigma", to: .string("0.01")))
                == KernelInputError(field: "market_state.sigma", reason: "expected a number, got a string"))
        #expect(inputError(try editing("position", "age_sec", to: .bool(true)))?.field == "position.age_sec")
        #expect(inputError(try editing("theta", "T1R", to: .number(2)))?.field == "theta.T1R")
        #expect(inputError(try editing("theta", "sigma_ref", to: .number(0)))?.field == "theta.sigma_ref")
        let inArray = Data("[\(caseText), {\"position\": 1}]".utf8)
        #expect(inputError(inArray)?.field == "[1].position")
    }

    @Test("text that is not JSON, or JSON of the wrong shape, is rejected")
    func invalidDocumentsAreRejected() {
        for text in ["", "{", "[1,]", "{\"a\" 1}", "01", "1e999", "\"x\"", "42", "[1]"] {
            #expect(inputError(Data(text.utf8)) != nil, "\(text)")
        }
    }

    @Test("p1_proposal and theta may be null or missing; current_sl may be missing")
    func optionalPartsMayBeAbsent() throws {
        guard case .object(var top) = try caseJSON() else { return }
        top.removeAll { $0.key == "theta" }
        top = top.map { $0.key == "p1_proposal" ? .init("p1_proposal", .null) : $0 }
        let input = try KernelInput(json: .object(top))
        #expect(input.parameters == .defaults)
        #expect(input.riskProposal == nil)
        let withoutStop = try KernelInput.cases(fromJSON: try editing("position", "current_sl", to: nil))
        #expect(withoutStop.cases[0].position.currentSL == nil)
        #expect(withoutStop.isList == false)
    }

    @Test("parameters decode from a dictionary of Python names and keep the other defaults")
    func parametersDecodeFromPythonNames() throws {
        let data = Data(#"{"T1_R": 1.8, "k_ts_drop": 0.4, "max_age_sec": 72000, "k_close_threshold": 0.62}"#.utf8)
        let parameters = try JSONDecoder().decode(KernelParameters.self, from: data)
        var expected = KernelParameters.defaults
        expected.t1R = 1.8
        expected.kTsDrop = 0.4
        expected.maxAgeSec = 72000
        #expect(parameters == expected)
        let reencoded = try JSONDecoder().decode(KernelParameters.self, from: try JSONEncoder().encode(parameters))
        #expect(reencoded == parameters)
        #expect(parameters.pythonValues.count == KernelParameters.pythonNames.count)
    }

    @Test("a policy's kill knobs are read from kill_params, not from harvest_params (FIX)")
    func policyKnobsComeFromWhereTheyLive() {
        let parameters = KernelParameters.defaults.overriding(
            harvestParams: ["T1_R": 1.8, "max_age_sec": 1000, "kill_threshold": 0.55],
            killParams: ["max_age_sec": 72000, "trend_min": 0.25, "T1_R": 9, "k_close_threshold": 0.62, "sigma_ref": 0])
        #expect(parameters.t1R == 1.8)
        #expect(parameters.killThreshold == 0.55)
        #expect(parameters.maxAgeSec == 72000)
        #expect(parameters.trendMin == 0.25)
        #expect(parameters.sigmaRef == 0.01, "an invalid override keeps the value in force")
        #expect(
            Set(KernelParameters.harvestParamNames).union(KernelParameters.killParamNames)
                == Set(KernelParameters.pythonNames))
    }
}
