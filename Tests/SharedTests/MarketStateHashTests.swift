import Foundation
import Testing

@testable import Shared

/// `quantum:marketstate:{SYM}`: the Python publisher's fixed-decimal strings.
@Suite("Market state hash")
struct MarketStateHashTests {
    static let state = MarketStateHash(
        sigma: 0.0096708, mu: 0.00186241, ts: 0.1925805, pTrend: 0.3031, pMr: 0.1297, pChop: 0.5672,
        dp: -0.0123, vr: 1.05, spikeProxy: 0.4, timestamp: 1_770_133_359, bufferSize: 300)

    @Test("encodes sigma and mu with 8 decimals, the rest with 6, in the publisher's order")
    func encoding() {
        let pairs = Self.state.encode()
        #expect(
            pairs.map(\.0) == [
                "sigma", "mu", "ts", "p_trend", "p_mr", "p_chop", "dp", "vr", "spike_proxy", "ts_timestamp",
                "buffer_size",
            ])
        let fields = Dictionary(pairs, uniquingKeysWith: { $1 })
        // Expected strings from Python: '%.8f' % 0.0096708, '%.6f' % 0.1925805 (rounds down: binary below half).
        #expect(fields["sigma"] == "0.00967080" && fields["mu"] == "0.00186241" && fields["ts"] == "0.192580")
        #expect(fields["dp"] == "-0.012300" && fields["ts_timestamp"] == "1770133359" && fields["buffer_size"] == "300")
    }

    @Test("decodes the published strings; absent estimates read as 0")
    func decoding() throws {
        let decoded = try MarketStateHash(fields: WireFields(pairs: Self.state.encode()))
        #expect(decoded.sigma == 0.0096708 && decoded.ts == 0.19258 && decoded.bufferSize == 300)
        #expect(decoded.timestamp == 1_770_133_359 && decoded.age(now: 1_770_133_419) == 60)
        let sparse = try MarketStateHash(fields: WireFields(["sigma": "0.01", "ts_timestamp": "1770133359"]))
        #expect(sparse.pChop == 0 && sparse.sigma == 0.01)
    }

    @Test("a hash without ts_timestamp or with a bad number is rejected, naming the field")
    func malformed() {
        let missing = #expect(throws: WireError.self) { try MarketStateHash(fields: WireFields(["sigma": "0.01"])) }
        #expect(missing?.field == "ts_timestamp")
        let bad = #expect(throws: WireError.self) {
            try MarketStateHash(fields: WireFields(["sigma": "inf", "ts_timestamp": "1770133359"]))
        }
        #expect(bad?.field == "sigma")
    }
}
