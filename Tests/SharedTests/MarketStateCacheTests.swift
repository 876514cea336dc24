import Foundation
import Testing

@testable import Shared

/// The closes of every series in Fixtures/marketstate-vectors.json (the parity vectors).
private func parityCloses() throws -> [(name: String, closes: [Double])] {
    let url = try #require(
        Bundle.module.url(forResource: "marketstate-vectors", withExtension: "json", subdirectory: "Fixtures"))
    let document = try KernelJSON.parse(try Data(contentsOf: url))
    guard case .array(let vectors)? = document["vectors"] else {
        throw KernelInputError(field: "vectors", reason: "none")
    }
    return try vectors.map { json in
        (
            try json.string("name", at: ""),
            try MarketStateEstimator.closes(fromJSON: Data(json.text(pretty: false).utf8))
        )
    }
}

/// The estimate's outputs as bit patterns, so "equal" means bit-exact (not just `==`).
private func bits(_ state: MarketState?) -> [UInt64]? {
    guard let state else { return nil }
    let d = state.diagnostics
    return [
        state.sigma, state.mu, state.ts, state.pTrend, state.pMR, state.pChop, state.dp, state.vr, state.spikeProxy,
        d.quantileLow, d.quantileHigh, d.sigmaEWMA, d.sigmaMAD, d.blendWeight, d.sigmaRaw, d.scoreTrend, d.scoreMR,
        d.scoreChop,
    ].map(\.bitPattern) + d.slopes.map(\.bitPattern) + [UInt64(state.returnsCount)]
}

/// A key for `closes` as exitbrain stores them: one-minute candles ending at `lastOpen`.
private func key(_ closes: [Double], lastOpen: Int64 = 1_764_000_000_000) -> MarketStateCache.Key {
    MarketStateCache.Key(
        firstOpenTime: lastOpen - Int64(closes.count - 1) * 60_000, lastOpenTime: lastOpen,
        count: closes.count, lastClose: closes.last ?? 0)
}

@Suite("Market-state cache")
struct MarketStateCacheTests {
    @Test("on every parity vector a cached estimate is bit-exact with recomputation, and the second call reuses it")
    func parityVectorsBitExact() throws {
        let vectors = try parityCloses()
        #expect(vectors.count == 13)
        var cache = MarketStateCache()
        for (name, closes) in vectors {
            let fresh = MarketStateEstimator.estimate(closes: closes)
            let first = cache.estimate(name, key: key(closes)) { closes }
            var evaluated = false
            let second = cache.estimate(name, key: key(closes)) {
                evaluated = true; return closes
            }
            #expect(bits(first) == bits(fresh), "\(name)")
            #expect(bits(second) == bits(fresh), "\(name): reused")
            #expect(!evaluated, "\(name): the closes are not even built on a hit")
        }
        #expect(cache.computed == vectors.count)
        #expect(cache.reused == vectors.count)
    }

    @Test("a new closed candle invalidates the estimate; the same candles reuse it")
    func newCandleInvalidates() throws {
        let closes = try #require(try parityCloses().first { $0.closes.count >= 300 }).closes
        var cache = MarketStateCache()
        let base = Array(closes.prefix(299))
        let before = cache.estimate("X", key: key(base)) { base }
        let next = Array(closes.prefix(300))
        let after = cache.estimate("X", key: key(next, lastOpen: 1_764_000_060_000)) { next }
        #expect(cache.computed == 2 && cache.reused == 0)
        #expect(bits(after) == bits(MarketStateEstimator.estimate(closes: next)))
        #expect(bits(after) != bits(before), "a different series gives a different estimate")
        _ = cache.estimate("X", key: key(next, lastOpen: 1_764_000_060_000)) { next }
        #expect(cache.reused == 1)
    }

    @Test("a changed candle set of another length (same last candle) is recomputed, as is a changed last close")
    func otherLengthRecomputes() throws {
        let closes = try #require(try parityCloses().first { $0.closes.count >= 300 }).closes
        var cache = MarketStateCache()
        let long = Array(closes.prefix(300))
        _ = cache.estimate("X", key: key(long)) { long }
        let trimmed = Array(long.suffix(270))
        let state = cache.estimate("X", key: key(trimmed)) { trimmed }
        #expect(cache.computed == 2)
        #expect(bits(state) == bits(MarketStateEstimator.estimate(closes: trimmed)))
        var revised = trimmed
        revised[revised.count - 1] *= 1.001
        let revisedState = cache.estimate("X", key: key(revised)) { revised }
        #expect(cache.computed == 3)
        #expect(bits(revisedState) == bits(MarketStateEstimator.estimate(closes: revised)))
    }

    @Test("too few closes: nil, cached as nil until a candle arrives")
    func tooFewCloses() throws {
        let closes = try #require(try parityCloses().first { $0.closes.count >= 300 }).closes
        var cache = MarketStateCache()
        let short = Array(closes.prefix(256))
        #expect(cache.estimate("X", key: key(short)) { short } == nil)
        #expect(cache.estimate("X", key: key(short)) { short } == nil)
        #expect(cache.reused == 1)
        let enough = Array(closes.prefix(257))
        #expect(cache.estimate("X", key: key(enough, lastOpen: 1_764_000_060_000)) { enough } != nil)
    }

    @Test("retain keeps only the symbols given (bounded memory)")
    func retainEvicts() throws {
        let closes = Array(try #require(try parityCloses().first { $0.closes.count >= 300 }).closes.prefix(300))
        var cache = MarketStateCache()
        for symbol in ["A", "B", "C"] { _ = cache.estimate(symbol, key: key(closes)) { closes } }
        #expect(cache.count == 3)
        cache.retain(["B"])
        #expect(cache.count == 1)
        _ = cache.estimate("A", key: key(closes)) { closes }
        _ = cache.estimate("B", key: key(closes)) { closes }
        #expect(cache.computed == 4, "A was evicted and recomputed")
        #expect(cache.reused == 1, "B was kept")
    }
}
