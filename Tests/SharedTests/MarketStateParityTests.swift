import Foundation
import Testing

@testable import Shared

// The expected numbers in Fixtures/marketstate-vectors.json come from running the original
// Python estimator (quantum_trader ai_engine/market_state.py @761e164ff, numpy 2.4.6,
// scipy 1.17.1); the file is a copy of shared/fixtures/marketstate-vectors.json. Do not edit it
// by hand.

/// One series of marketstate-vectors.json: its closes and the original's output (nil for None).
private struct MarketStateVector {
    var name: String
    var prices: [Double]
    var expected: KernelJSON?
    var streamRegime: String?

    static func loadAll() throws -> [MarketStateVector] {
        let url = try #require(
            Bundle.module.url(forResource: "marketstate-vectors", withExtension: "json", subdirectory: "Fixtures"))
        let document = try KernelJSON.parse(try Data(contentsOf: url))
        guard case .array(let vectors)? = document["vectors"] else {
            throw KernelInputError(field: "vectors", reason: "fixture has no vectors")
        }
        return try vectors.map { json in
            let expected = json["expected"].flatMap { $0 == .null ? nil : $0 }
            var regime: String?
            if case .string(let text)? = expected?["stream_regime"] { regime = text }
            return MarketStateVector(
                name: try json.string("name", at: ""),
                prices: try MarketStateEstimator.closes(fromJSON: Data(json.text(pretty: false).utf8)),
                expected: expected,
                streamRegime: regime)
        }
    }
}

private func relativeDifference(_ a: Double, _ b: Double) -> Double {
    a == b ? 0 : abs(a - b) / max(abs(a), abs(b))
}

@Suite("Market-state parity with the original")
struct MarketStateParityTests {
    @Test("the fixture holds 13 series, one of them too short")
    func fixtureShape() throws {
        let vectors = try MarketStateVector.loadAll()
        #expect(vectors.count == 13)
        #expect(vectors.filter { $0.expected == nil }.map(\.name) == ["too_short_256"])
    }

    @Test("every series gives the original's outputs: dp exact, the rest to 1e-12, None below 257 closes")
    func everySeriesMatchesTheOriginal() throws {
        for vector in try MarketStateVector.loadAll() {
            let state = MarketStateEstimator.estimate(closes: vector.prices)
            guard let expected = vector.expected else {
                #expect(state == nil, "\(vector.name): expected None")
                continue
            }
            guard let state else {
                Issue.record("\(vector.name): no estimate from \(vector.prices.count) closes")
                continue
            }
            let fields: [(String, Double)] = [
                ("sigma", state.sigma), ("mu", state.mu), ("ts", state.ts), ("p_trend", state.pTrend),
                ("p_mr", state.pMR), ("p_chop", state.pChop), ("vr", state.vr), ("spike_proxy", state.spikeProxy),
            ]
            for (name, actual) in fields {
                let wanted = try expected.number(name, at: vector.name)
                // origtest_dp_feature's vr is rounding noise over eps (~8e-20): absolute 1e-15.
                let ok =
                    vector.name == "origtest_dp_feature" && name == "vr"
                    ? abs(actual - wanted) <= 1e-15
                    : relativeDifference(actual, wanted) <= 1e-12
                #expect(ok, "\(vector.name): \(name) \(actual) vs \(wanted)")
            }
            #expect(state.dp == (try expected.number("dp", at: vector.name)), "\(vector.name): dp")
            #expect(
                Double(state.returnsCount) == (try expected.number("returns_n", at: vector.name)),
                "\(vector.name): returns_n")
        }
    }

    @Test("every output and intermediate is bit-identical to the original on this platform")
    func everySeriesIsBitIdentical() throws {
        for vector in try MarketStateVector.loadAll() {
            guard let expected = vector.expected, let state = MarketStateEstimator.estimate(closes: vector.prices)
            else { continue }
            // Bit parity needs glibc's log/exp equal to numpy's (true on the x86_64 Linux the
            // vectors were made on); the contract above is 1e-12.
            #expect(state.json["sigma"] == expected["sigma"], "\(vector.name) sigma")
            for name in ["mu", "ts", "p_trend", "p_mr", "p_chop", "dp", "vr", "spike_proxy"] {
                #expect(state.json[name] == expected[name], "\(vector.name) \(name)")
            }
            let components = try #require(expected["components"])
            let diagnostics = state.diagnostics
            let pairs: [(String, Double)] = [
                ("q_low", diagnostics.quantileLow), ("q_high", diagnostics.quantileHigh),
                ("sigma_ewma", diagnostics.sigmaEWMA), ("sigma_mad", diagnostics.sigmaMAD),
                ("blend_weight", diagnostics.blendWeight), ("sigma_raw", diagnostics.sigmaRaw),
            ]
            for (name, actual) in pairs {
                #expect(actual == (try components.number(name, at: vector.name)), "\(vector.name) \(name)")
            }
            let slopes = try #require(components["theil_sen_slope_by_window"])
            for (window, slope) in zip(["64", "128", "256"], diagnostics.slopes) {
                #expect(slope == (try slopes.number(window, at: vector.name)), "\(vector.name) slope \(window)")
            }
        }
    }

    @Test("the dominant regime and the published hash strings match the original's")
    func regimeAndPublishedStrings() throws {
        for vector in try MarketStateVector.loadAll() {
            guard let expected = vector.expected, let state = MarketStateEstimator.estimate(closes: vector.prices)
            else { continue }
            #expect(state.regime.rawValue == vector.streamRegime, "\(vector.name) regime")
            let strings = try #require(expected["redis_hash_strings"])
            let formats: [(String, String, Double)] = [
                ("sigma", "%.8f", state.sigma), ("mu", "%.8f", state.mu), ("ts", "%.6f", state.ts),
                ("p_trend", "%.6f", state.pTrend), ("p_mr", "%.6f", state.pMR), ("p_chop", "%.6f", state.pChop),
                ("dp", "%.6f", state.dp), ("vr", "%.6f", state.vr), ("spike_proxy", "%.6f", state.spikeProxy),
            ]
            for (name, format, value) in formats {
                #expect(strings[name] == .string(String(format: format, value)), "\(vector.name) \(name)")
            }
        }
    }
}
