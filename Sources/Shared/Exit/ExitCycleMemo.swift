import FoundationEssentials
import NIOConcurrencyHelpers

/// What a cycle decoded from Redis, kept per symbol with the raw replies it came from: a hash
/// that reads back byte for byte the same is not turned into text and decoded again (its
/// dictionary, the same instance, then also compares equal at once in the later memos). Holds
/// only the symbols it is told to ``retain(_:)``.
final class ExitCycleMemo: @unchecked Sendable {
    private let lock = NIOLock()
    private var replies: [String: [RedisReply]] = [:]
    private var entries: [String: ExitCycleReads.Entry] = [:]
    private var positions: [String: (fields: [String: String], hash: PositionHash?)] = [:]
    /// The open symbols and time of the last sweep of closed positions' state keys.
    private var swept: (open: Set<String>, at: ContinuousClock.Instant)?

    /// The entry of each symbol from its three `HGETALL` replies (position, state, market state).
    func entries(_ symbols: [String], replies all: [RedisReply]) -> [ExitCycleReads.Entry] {
        lock.withLock {
            var result: [ExitCycleReads.Entry] = []
            result.reserveCapacity(symbols.count)
            for (index, symbol) in symbols.enumerated() {
                let raw = Array(all[index * 3..<index * 3 + 3])
                let old = replies[symbol]
                let cached = entries[symbol]
                func reuse(_ part: Int) -> Bool { cached != nil && old?[part] == raw[part] }
                let entry = ExitCycleReads.Entry(
                    position: reuse(0) ? cached!.position : ExitCycleReads.hash(raw[0]),
                    state: reuse(1) ? cached!.state : ExitCycleReads.hash(raw[1]),
                    market: reuse(2) ? cached!.market : ((try? ExitCycleReads.hash(raw[2]).get()) ?? [:]))
                replies[symbol] = raw
                entries[symbol] = entry
                result.append(entry)
            }
            return result
        }
    }

    /// `try? PositionHash.decode(fields: fields, symbol: symbol)`, reused while `fields` is unchanged.
    func positionHash(_ symbol: String, fields: [String: String]) -> PositionHash? {
        if let entry = lock.withLock({ positions[symbol] }), entry.fields == fields { return entry.hash }
        let hash = try? PositionHash.decode(fields: fields, symbol: symbol)
        lock.withLock { positions[symbol] = (fields, hash) }
        return hash
    }

    /// True when the state keys of closed positions need a sweep: the open symbols changed since
    /// the last sweep, or it is older than `maximumAge` (keys another writer left).
    func needsSweep(open: Set<String>, maximumAge: Duration) -> Bool {
        lock.withLock {
            guard let swept else { return true }
            return swept.open != open || ContinuousClock.now - swept.at >= maximumAge
        }
    }

    /// Records a completed sweep.
    func swept(open: Set<String>) {
        lock.withLock { swept = (open, .now) }
    }

    /// Drops every symbol not in `symbols`.
    func retain(_ symbols: Set<String>) {
        lock.withLock {
            guard replies.count > symbols.count || replies.keys.contains(where: { !symbols.contains($0) }) else {
                return
            }
            replies = replies.filter { symbols.contains($0.key) }
            entries = entries.filter { symbols.contains($0.key) }
            positions = positions.filter { symbols.contains($0.key) }
        }
    }
}
