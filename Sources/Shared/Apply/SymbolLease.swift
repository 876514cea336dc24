/// A per-symbol lease in Redis (`SET NX PX`, value = consumer name) so two applylayer instances
/// never trade one symbol at once, and a per-plan-id lease so they never work on two messages
/// carrying one plan id at once (a replayed id on another symbol would otherwise race the
/// original to the one result). A restarted instance re-takes its own lease at once.
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
        try await acquire(key: ApplyKeys.lease(symbol), name: symbol)
    }

    func release(_ symbol: String) async {
        await release(key: ApplyKeys.lease(symbol))
    }

    func acquire(planID: String) async throws {
        try await acquire(key: ApplyKeys.planLease(planID), name: "plan \(planID)")
    }

    func release(planID: String) async {
        await release(key: ApplyKeys.planLease(planID))
    }

    private func acquire(key: String, name: String) async throws {
        if try await redis.set(key, owner, expireMilliseconds: milliseconds, onlyIfAbsent: true) { return }
        let holder = try await redis.get(key) ?? ""
        if holder == owner {
            try await redis.set(key, owner, expireMilliseconds: milliseconds)
            return
        }
        throw Busy(symbol: name, holder: holder)
    }

    private func release(key: String) async {
        _ = try? await redis.send(["EVAL", Self.releaseScript, "1", key, owner])
    }
}
