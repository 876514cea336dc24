import FoundationEssentials
import Logging

/// Market state per symbol for the kernel: a fresh `quantum:marketstate:{SYM}` hash written by
/// another service, else computed here from the exchange's 1-minute klines (fetched
/// incrementally, the still-open candle dropped) and written back as that hash.
///
/// The estimate is cached per symbol with the candles it came from (``MarketStateCache``): a
/// cycle that brought no new closed candle reuses it, bit-exact. No klines request is made while
/// the next candle cannot have closed yet (its close time is the last stored one's plus a minute).
package actor MarketDataSource {
    /// Where a market state came from.
    package enum Origin: String, Sendable { case hash, klines }

    /// One symbol's market state, and the commands that write it back as its hash (none when it
    /// came from another writer's hash, when there was not enough data, or in shadow mode).
    package struct Outcome: Sendable {
        package var result: Result<(MarketSnapshot, Origin), ExitSkip>
        package var writes: [[String]]
    }

    let exchange: any Exchange
    let redis: RedisClient
    let maxAge: Double
    let hashTTLSeconds: Int
    let writeHash: Bool
    private var closes: [String: [(openTime: Int64, closeTime: Int64, close: Double)]] = [:]
    private var estimates = MarketStateCache()
    /// Another writer's hash as last read, decoded (nil: unreadable), reused while it reads back the same.
    private var storedHashes: [String: (fields: [String: String], hash: MarketStateHash?)] = [:]
    /// The write-back of the cached estimate (HSET arguments), reused with a new `ts_timestamp`.
    private var encoded: [String: (key: MarketStateCache.Key, arguments: [String], timestampIndex: Int?)] = [:]
    static let keep = 600
    static let minute: Int64 = 60_000

    package init(exchange: any Exchange, redis: RedisClient, maxAge: Double, hashTTLSeconds: Int, writeHash: Bool) {
        self.exchange = exchange
        self.redis = redis
        self.maxAge = maxAge
        self.hashTTLSeconds = hashTTLSeconds
        self.writeHash = writeHash
    }

    /// `quantum:marketstate:{SYM}`.
    package static func key(_ symbol: String) -> String { "quantum:marketstate:\(symbol)" }

    /// Estimates computed and reused from the cache so far (for tests and benchmarks).
    package var estimateCounts: (computed: Int, reused: Int) { (estimates.computed, estimates.reused) }

    /// The market state of `symbol`, or nil (with the reason) when there is not enough data; reads
    /// and writes its hash itself (one symbol at a time; a cycle uses
    /// ``snapshot(_:stored:serverTimeMs:)`` with its pipelines).
    package func snapshot(_ symbol: String, serverTimeMs: Int64) async throws -> Result<
        (MarketSnapshot, Origin), ExitSkip
    > {
        let fields = (try? await redis.hashGetAll(Self.key(symbol))) ?? [:]
        let outcome = try await snapshot(symbol, stored: fields, serverTimeMs: serverTimeMs)
        for command in outcome.writes { try await redis.checked(command) }
        return outcome.result
    }

    /// The market state of `symbol` given its `quantum:marketstate:{SYM}` hash as read (`stored`,
    /// empty when absent or unreadable); the hash write-back is returned, not sent.
    package func snapshot(_ symbol: String, stored fields: [String: String], serverTimeMs: Int64) async throws
        -> Outcome
    {
        let nowSeconds = Double(serverTimeMs) / 1000
        if !fields.isEmpty, let stored = decoded(symbol, fields), stored.age(now: nowSeconds) <= maxAge,
            // Our own hash is a cache of what we compute: only another writer's fresh hash is preferred.
            fields["writer"] != "exitbrain"
        {
            let snapshot = MarketSnapshot(
                sigma: stored.sigma, ts: stored.ts, pTrend: stored.pTrend, pMR: stored.pMr,
                pChop: stored.pChop)
            return Outcome(result: .success((snapshot, .hash)), writes: [])
        }
        let series = try await refresh(symbol, serverTimeMs: serverTimeMs)
        guard let first = series.first, let last = series.last else {
            return Outcome(result: .failure(.notEnoughCandles), writes: [])
        }
        let key = MarketStateCache.Key(
            firstOpenTime: first.openTime, lastOpenTime: last.openTime, count: series.count,
            lastClose: last.close)
        guard let state = estimates.estimate(symbol, key: key, closes: { series.map(\.close) }) else {
            return Outcome(result: .failure(.notEnoughCandles), writes: [])
        }
        guard writeHash else { return Outcome(result: .success((state.snapshot, .klines)), writes: []) }
        let writes = [
            hashSet(symbol, state: state, key: key, timestamp: Int(nowSeconds)),
            ["EXPIRE", Self.key(symbol), String(hashTTLSeconds)],
        ]
        return Outcome(result: .success((state.snapshot, .klines)), writes: writes)
    }

    /// ``snapshot(_:stored:serverTimeMs:)`` of each symbol (nil: none wanted) in one call, in
    /// order; an error (the exchange's) stays with its symbol.
    package func snapshots(_ requests: [(symbol: String, stored: [String: String])?], serverTimeMs: Int64) async
        -> [Result<Outcome, any Error>?]
    {
        var outcomes: [Result<Outcome, any Error>?] = []
        outcomes.reserveCapacity(requests.count)
        for request in requests {
            guard let request else {
                outcomes.append(nil)
                continue
            }
            do {
                outcomes.append(
                    .success(try await snapshot(request.symbol, stored: request.stored, serverTimeMs: serverTimeMs)))
            } catch {
                outcomes.append(.failure(error))
            }
        }
        return outcomes
    }

    /// `MarketStateHash(fields:)` of a stored hash, reused while it reads back unchanged.
    private func decoded(_ symbol: String, _ fields: [String: String]) -> MarketStateHash? {
        if let entry = storedHashes[symbol], entry.fields == fields { return entry.hash }
        let hash = try? MarketStateHash(fields: WireFields(fields))
        storedHashes[symbol] = (fields, hash)
        return hash
    }

    /// `HSET quantum:marketstate:{SYM}` with the estimate's hash fields and `writer=exitbrain`;
    /// the fields of an estimate reused from the cache are reused too, with the new timestamp.
    private func hashSet(_ symbol: String, state: MarketState, key: MarketStateCache.Key, timestamp: Int) -> [String] {
        if let entry = encoded[symbol], entry.key == key, let index = entry.timestampIndex {
            var arguments = entry.arguments
            arguments[index] = String(timestamp)
            return arguments
        }
        let hash = MarketStateHash(
            sigma: state.sigma, mu: state.mu, ts: state.ts, pTrend: state.pTrend,
            pMr: state.pMR, pChop: state.pChop, dp: state.dp, vr: state.vr,
            spikeProxy: state.spikeProxy, timestamp: timestamp, bufferSize: key.count)
        let arguments =
            ["HSET", Self.key(symbol)] + (hash.encode() + [("writer", "exitbrain")]).flatMap { [$0.0, $0.1] }
        let name = (2..<arguments.count).first { ($0 - 2) % 2 == 0 && arguments[$0] == "ts_timestamp" }
        encoded[symbol] = (key, arguments, name.map { $0 + 1 })
        return arguments
    }

    /// The closed 1-minute candles of `symbol`, oldest first, fetched incrementally; no request
    /// while the candle after the last stored one cannot have closed yet.
    private func refresh(_ symbol: String, serverTimeMs: Int64) async throws
        -> [(openTime: Int64, closeTime: Int64, close: Double)]
    {
        var series = closes[symbol] ?? []
        if let last = series.last, serverTimeMs <= last.closeTime + Self.minute { return series }
        let start = series.last.map { $0.openTime + Self.minute }
        let limit = start == nil ? 500 : 200
        let candles = try await exchange.klines(
            symbol: symbol, interval: "1m", limit: limit, startTime: start, endTime: nil)
        for candle in candles where candle.closeTime < serverTimeMs {
            if let last = series.last, candle.openTime <= last.openTime { continue }
            let close = ExitEvaluator.double(candle.close)  // bit-exact with Double("\(candle.close)")
            guard close > 0 else { continue }
            series.append((candle.openTime, candle.closeTime, close))
        }
        if series.count > Self.keep { series.removeFirst(series.count - Self.keep) }
        closes[symbol] = series
        return series
    }

    /// Forgets the candles and cached estimates of symbols that no longer have a position.
    package func retain(_ symbols: Set<String>) {
        func stale<Value>(_ entries: [String: Value]) -> Bool { entries.keys.contains { !symbols.contains($0) } }
        if stale(closes) { closes = closes.filter { symbols.contains($0.key) } }
        estimates.retain(symbols)
        if stale(storedHashes) { storedHashes = storedHashes.filter { symbols.contains($0.key) } }
        if stale(encoded) { encoded = encoded.filter { symbols.contains($0.key) } }
    }
}
