/// A per-symbol lease in Redis (`SET NX PX`, value = consumer name) so two applylayer instances
/// never trade one symbol at once. A restarted instance re-takes its own lease at once.
struct SymbolLease: Sendable {
    let redis: RedisClient
    let owner: String
    let milliseconds: Int

    /// Thrown while another instance holds the lease; the consumer retries the message later.
    struct Busy: Error, CustomStringConvertible {
        var symbol: String
        var holder: String
        var description: String { "symbol \(symbol) is leased by \(holder)" }
    }

    static let releaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """

    func acquire(_ symbol: String) async throws {
        let key = ApplyKeys.lease(symbol)
        if try await redis.set(key, owner, expireMilliseconds: milliseconds, onlyIfAbsent: true) { return }
        let holder = try await redis.get(key) ?? ""
        if holder == owner {
            try await redis.set(key, owner, expireMilliseconds: milliseconds)
            return
        }
        throw Busy(symbol: symbol, holder: holder)
    }

    func release(_ symbol: String) async {
        _ = try? await redis.send(["EVAL", Self.releaseScript, "1", ApplyKeys.lease(symbol), owner])
    }
}
