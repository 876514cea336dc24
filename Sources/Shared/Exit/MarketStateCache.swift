/// exitbrain's market-state estimates per symbol, each kept with the candles it was computed
/// from, so a cycle that brought no new closed candle reuses the estimate instead of running the
/// Theil–Sen windows again.
///
/// The estimate is a pure function of the closes, and a symbol's stored closes only change by
/// appending newer closed candles and trimming the oldest, so (first open time, last open time,
/// count, last close) identifies them: a hit returns the very value a recomputation would
/// (bit-exact). Holds only the symbols it is told to ``retain(_:)``.
package struct MarketStateCache: Sendable {
    /// What an estimate was computed from.
    package struct Key: Hashable, Sendable {
        package var firstOpenTime: Int64
        package var lastOpenTime: Int64
        package var count: Int
        /// The bit pattern of the newest close.
        package var lastCloseBits: UInt64

        package init(firstOpenTime: Int64, lastOpenTime: Int64, count: Int, lastClose: Double) {
            self.firstOpenTime = firstOpenTime
            self.lastOpenTime = lastOpenTime
            self.count = count
            self.lastCloseBits = lastClose.bitPattern
        }
    }

    private var entries: [String: (key: Key, state: MarketState?)] = [:]
    /// Estimates computed (misses) and reused (hits) since creation.
    package private(set) var computed = 0
    package private(set) var reused = 0

    package init() {}

    /// Symbols held.
    package var count: Int { entries.count }

    /// The estimate for `symbol`'s closes identified by `key`: the cached one when `key` is the
    /// one it was computed from, else `MarketStateEstimator.estimate(closes: closes())`, cached.
    package mutating func estimate(_ symbol: String, key: Key, closes: () -> [Double]) -> MarketState? {
        if let entry = entries[symbol], entry.key == key {
            reused += 1
            return entry.state
        }
        computed += 1
        let state = MarketStateEstimator.estimate(closes: closes())
        entries[symbol] = (key, state)
        return state
    }

    /// Drops every symbol not in `symbols` (those without an open position).
    package mutating func retain(_ symbols: Set<String>) {
        guard entries.keys.contains(where: { !symbols.contains($0) }) else { return }
        entries = entries.filter { symbols.contains($0.key) }
    }
}
