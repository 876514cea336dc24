import Foundation
import Logging

/// Market state per symbol for the kernel: a fresh `quantum:marketstate:{SYM}` hash written by
/// another service, else computed here from the exchange's 1-minute klines (fetched
/// incrementally, the still-open candle dropped) and written back as that hash.
package actor MarketDataSource {
    /// Where a market state came from.
    package enum Origin: String, Sendable { case hash, klines }

    let exchange: any Exchange
    let redis: RedisClient
    let maxAge: Double
    let hashTTLSeconds: Int
    let writeHash: Bool
    private var closes: [String: [(openTime: Int64, close: Double)]] = [:]
    static let keep = 600

    package init(exchange: any Exchange, redis: RedisClient, maxAge: Double, hashTTLSeconds: Int, writeHash: Bool) {
        self.exchange = exchange
        self.redis = redis
        self.maxAge = maxAge
        self.hashTTLSeconds = hashTTLSeconds
        self.writeHash = writeHash
    }

    /// `quantum:marketstate:{SYM}`.
    package static func key(_ symbol: String) -> String { "quantum:marketstate:\(symbol)" }

    /// The market state of `symbol`, or nil (with the reason) when there is not enough data.
    package func snapshot(_ symbol: String, serverTimeMs: Int64) async throws -> Result<(MarketSnapshot, Origin), ExitSkip> {
        let nowSeconds = Double(serverTimeMs) / 1000
        if let fields = try? await redis.hashGetAll(Self.key(symbol)), !fields.isEmpty,
            let stored = try? MarketStateHash(fields: WireFields(fields)), stored.age(now: nowSeconds) <= maxAge,
            // Our own hash is a cache of what we compute: only another writer's fresh hash is preferred.
            fields["writer"] != "exitbrain"
        {
            return .success((MarketSnapshot(sigma: stored.sigma, ts: stored.ts, pTrend: stored.pTrend,
                                            pMR: stored.pMr, pChop: stored.pChop), .hash))
        }
        let series = try await refresh(symbol, serverTimeMs: serverTimeMs)
        guard let state = MarketStateEstimator.estimate(closes: series) else {
            return .failure(.notEnoughCandles)
        }
        if writeHash {
            let hash = MarketStateHash(sigma: state.sigma, mu: state.mu, ts: state.ts, pTrend: state.pTrend,
                                       pMr: state.pMR, pChop: state.pChop, dp: state.dp, vr: state.vr,
                                       spikeProxy: state.spikeProxy, timestamp: Int(nowSeconds), bufferSize: series.count)
            try await redis.hashSet(Self.key(symbol), hash.encode() + [("writer", "exitbrain")])
            try await redis.send(["EXPIRE", Self.key(symbol), String(hashTTLSeconds)])
        }
        return .success((state.snapshot, .klines))
    }

    /// The closed 1-minute closes of `symbol`, oldest first, fetched incrementally.
    private func refresh(_ symbol: String, serverTimeMs: Int64) async throws -> [Double] {
        var series = closes[symbol] ?? []
        let start = series.last.map { $0.openTime + 60_000 }
        let limit = start == nil ? 500 : 200
        let candles = try await exchange.klines(symbol: symbol, interval: "1m", limit: limit, startTime: start, endTime: nil)
        for candle in candles where candle.closeTime < serverTimeMs {
            if let last = series.last, candle.openTime <= last.openTime { continue }
            guard let close = Double("\(candle.close)"), close > 0 else { continue }
            series.append((candle.openTime, close))
        }
        if series.count > Self.keep { series.removeFirst(series.count - Self.keep) }
        closes[symbol] = series
        return series.map(\.close)
    }

    /// Forgets symbols that no longer have a position.
    package func retain(_ symbols: Set<String>) {
        closes = closes.filter { symbols.contains($0.key) }
    }
}
