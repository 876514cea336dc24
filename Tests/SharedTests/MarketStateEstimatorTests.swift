import Foundation
import Testing

@testable import Shared

/// The vectors' generator: a 64-bit LCG, uniforms from its top 53 bits, and an approximate
/// normal as the sum of 12 uniforms minus 6 (marketstate-vectors.json, `generator`).
private struct VectorGenerator {
    var state: UInt64

    mutating func uniform() -> Double {
        state = 6_364_136_223_846_793_005 &* state &+ 1_442_695_040_888_963_407
        return Double(state >> 11) * 0x1p-53
    }

    mutating func normal() -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum += uniform() }
        return sum - 6.0
    }

    /// p0 = 100, then p_t = p_{t-1}·(1 + drift + vol·z_t).
    static func walk(seed: UInt64, count: Int, drift: Double, vol: Double) -> [Double] {
        var generator = VectorGenerator(state: seed)
        var prices = [100.0]
        for _ in 1..<count { prices.append(prices[prices.count - 1] * (1.0 + (drift + vol * generator.normal()))) }
        return prices
    }
}

@Suite("Market-state estimator")
struct MarketStateEstimatorTests {
    @Test("256 closes give no estimate, 257 give one")
    func gateIsAt257Closes() {
        let closes = VectorGenerator.walk(seed: 1, count: 257, drift: 0.002, vol: 0.004)
        #expect(MarketStateEstimator.estimate(closes: Array(closes.prefix(256))) == nil)
        let state = MarketStateEstimator.estimate(closes: closes)
        #expect(state?.returnsCount == 256)
        #expect(state?.regime == .trend)
    }

    @Test("the documented generator reproduces the uptrend vector, and more closes only use the tail")
    func generatorAndTail() throws {
        var generator = VectorGenerator(state: 1)
        #expect(generator.uniform() == 0.42320917087271326)
        let uptrend = VectorGenerator.walk(seed: 1, count: 300, drift: 0.002, vol: 0.004)
        let state = try #require(MarketStateEstimator.estimate(closes: uptrend))
        #expect(abs(state.sigma - 0.0038460419019741947) <= 1e-12 * 0.0038460419019741947)
        #expect(abs(state.pTrend - 0.5545420347031665) <= 1e-12)
        let padded = [1.0, 2.0, 3.0] + uptrend
        let paddedState = try #require(MarketStateEstimator.estimate(closes: padded))
        #expect(paddedState.sigma == state.sigma)
        #expect(paddedState.mu == state.mu)
        #expect(paddedState.returnsCount == state.returnsCount + 3)
    }

    @Test("a constant series floors sigma, splits the regimes evenly and ties to trend")
    func constantSeries() throws {
        let state = try #require(MarketStateEstimator.estimate(closes: Array(repeating: 100, count: 300)))
        #expect(state.sigma == 1e-6)
        #expect(state.mu == 0)
        #expect(state.dp == 1)
        #expect(state.pTrend == state.pMR && state.pMR == state.pChop)
        #expect(state.regime == .trend)
        #expect(
            state.snapshot
                == MarketSnapshot(sigma: 1e-6, ts: 0, pTrend: state.pTrend, pMR: state.pMR, pChop: state.pChop))
    }

    @Test("a clean exponential trend has trend strength above 1 and a momentum 'mr' score")
    func deterministicTrend() throws {
        let closes = (0..<300).map { 100 + 0.5 * Double($0) }
        let state = try #require(MarketStateEstimator.estimate(closes: closes))
        #expect(state.mu > 0)
        #expect(state.ts > 1)
        #expect(state.regime == .mr)
    }

    @Test("quantile, median and sum follow numpy (upper-point lerp, pairwise summation)")
    func quantileFollowsNumpy() {
        let sorted = (0..<256).map(Double.init)
        #expect(NumpyReduction.quantile(sorted: sorted, 0.01) == 2.5500000000000003)
        #expect(NumpyReduction.quantile(sorted: sorted, 1.0) == 255)
        #expect(NumpyReduction.median(sorted: [1, 2, 3, 4]) == 2.5)
        // np.sum(np.full(300, 0.1)); a plain left-to-right sum gives 30.000000000000156.
        #expect(NumpyReduction.sum(Array(repeating: 0.1, count: 300)) == 29.999999999999996)
    }

    @Test("closes are read from an array or a fixture vector object")
    func closesFromJSON() throws {
        #expect(try MarketStateEstimator.closes(fromJSON: Data("[1, 2.5, 3e2]".utf8)) == [1, 2.5, 300])
        #expect(try MarketStateEstimator.closes(fromJSON: Data(#"{"name": "x", "prices": [4, 5]}"#.utf8)) == [4, 5])
    }

    @Test("bad closes are rejected with the index of the first bad one")
    func badClosesAreRejected() {
        let cases: [(String, String)] = [
            ("[1, 0]", "[1]"), ("[1, -2]", "[1]"), (#"[1, "2"]"#, "[1]"), (#"{"prices": [3, null]}"#, "prices[1]"),
            (#"{"closes": [1]}"#, "prices"), ("42", ""), ("[1,", ""),
        ]
        for (text, field) in cases {
            do {
                _ = try MarketStateEstimator.closes(fromJSON: Data(text.utf8))
                Issue.record("\(text) was accepted")
            } catch {
                #expect(error.field == field, "\(text)")
            }
        }
    }

    @Test("estimateJSON prints the estimate's fields, or null below 257 closes")
    func estimateJSONOutput() throws {
        let closes = VectorGenerator.walk(seed: 1, count: 300, drift: 0.002, vol: 0.004)
        let input = Data(KernelJSON.array(closes.map { .number($0) }).text(pretty: false).utf8)
        let result = try MarketStateEstimator.estimateJSON(input, pretty: false)
        let state = try #require(result.state)
        let printed = try KernelJSON.parse(Data(result.text.utf8))
        guard case .object(let members) = printed else {
            Issue.record("not an object")
            return
        }
        #expect(
            members.map(\.key) == [
                "sigma", "mu", "ts", "p_trend", "p_mr", "p_chop", "dp", "vr", "spike_proxy", "returns_n", "regime",
            ])
        #expect(printed["sigma"] == .number(state.sigma))
        #expect(printed["mu"] == .number(state.mu))
        #expect(printed["regime"] == .string("trend"))
        #expect(printed["returns_n"] == .number(299))
        #expect(result.text.contains("\"returns_n\":299,"))

        let short = try MarketStateEstimator.estimateJSON(Data("[100, 101, 102]".utf8))
        #expect(short.state == nil)
        #expect(short.closes == 3)
        #expect(short.text == "null")
    }
}

extension MarketStateEstimatorTests {
    @Test("the selection median returns exactly the sorted median, odd and even sizes, with ties")
    func selectionMedianMatchesSortedMedian() {
        var generator = SeededGenerator(seed: 3)
        for size in [1, 2, 3, 4, 5, 10, 11, 496, 1225, 32640] {
            for round in 0..<5 {
                let values = (0..<size).map { _ in
                    round == 0 ? Double(Int.random(in: -3...3, using: &generator)) : generator.gaussian() * 1e-3
                }
                var scratch = values
                let selected = NumpyReduction.median(selecting: &scratch)
                let sorted = NumpyReduction.median(sorted: values.sorted())
                #expect(selected.bitPattern == sorted.bitPattern, "size \(size), round \(round)")
            }
        }
    }
}
