import FoundationEssentials

/// The hash `quantum:marketstate:{SYMBOL}`: the market-state estimate per symbol.
///
/// Written as the Python publisher did: `sigma`, `mu` with 8 decimals; `ts`, `p_trend`, `p_mr`,
/// `p_chop`, `dp`, `vr`, `spike_proxy` with 6; `ts_timestamp` integer epoch seconds;
/// `buffer_size` an integer. Readers treat an absent estimate field as 0 (as the Python
/// reader), but require `ts_timestamp` so freshness can be judged.
package struct MarketStateHash: Sendable, Equatable {
    package var sigma: Double
    package var mu: Double
    /// Trend strength.
    package var ts: Double
    package var pTrend: Double
    package var pMr: Double
    package var pChop: Double
    package var dp: Double
    package var vr: Double
    package var spikeProxy: Double
    /// Epoch seconds of the estimate.
    package var timestamp: Int
    /// Number of closes the estimate was computed from.
    package var bufferSize: Int

    package init(
        sigma: Double, mu: Double, ts: Double, pTrend: Double, pMr: Double, pChop: Double, dp: Double,
        vr: Double, spikeProxy: Double, timestamp: Int, bufferSize: Int
    ) {
        self.sigma = sigma
        self.mu = mu
        self.ts = ts
        self.pTrend = pTrend
        self.pMr = pMr
        self.pChop = pChop
        self.dp = dp
        self.vr = vr
        self.spikeProxy = spikeProxy
        self.timestamp = timestamp
        self.bufferSize = bufferSize
    }

    /// The 11 hash fields in the publisher's order.
    package func encode() -> WirePairs {
        let six = { (value: Double) in WireFloat.fixed(value, decimals: 6) }
        return [
            ("sigma", WireFloat.fixed(sigma, decimals: 8)), ("mu", WireFloat.fixed(mu, decimals: 8)),
            ("ts", six(ts)), ("p_trend", six(pTrend)), ("p_mr", six(pMr)), ("p_chop", six(pChop)),
            ("dp", six(dp)), ("vr", six(vr)), ("spike_proxy", six(spikeProxy)),
            ("ts_timestamp", String(timestamp)), ("buffer_size", String(bufferSize)),
        ]
    }

    /// Decodes the hash; `ts_timestamp` is required, absent estimates read as 0.
    package init(fields: WireFields) throws(WireError) {
        sigma = try fields.double("sigma") ?? 0
        mu = try fields.double("mu") ?? 0
        ts = try fields.double("ts") ?? 0
        pTrend = try fields.double("p_trend") ?? 0
        pMr = try fields.double("p_mr") ?? 0
        pChop = try fields.double("p_chop") ?? 0
        dp = try fields.double("dp") ?? 0
        vr = try fields.double("vr") ?? 0
        spikeProxy = try fields.double("spike_proxy") ?? 0
        timestamp = Int(try fields.requiredTimestamp("ts_timestamp"))
        let size = try fields.double("buffer_size") ?? 0
        guard size >= 0, size <= 1e9 else {
            throw WireError(field: "buffer_size", code: .outOfRange, detail: WireFloat.repr(size))
        }
        bufferSize = Int(size)
    }

    /// Age of the estimate at `now` (epoch seconds).
    package func age(now: Double) -> Double { now - Double(timestamp) }
}
