import Synchronization

/// A per-symbol lease in Redis (`SET NX PX`, value = consumer name) so two applylayer instances
/// never trade one symbol at once, and a per-plan-id lease so they never work on two messages
/// carrying one plan id at once (a replayed id on another symbol would otherwise race the
/// original to the one result). A restarted instance re-takes its own lease at once.
///
/// Within one process, plans of different symbols run concurrently (`PlanExecutor+Batch.swift`)
/// under one owner name, so a Redis lease alone cannot tell two of its lanes apart: the keys this
/// process holds are also kept in ``held``, and a lane asking for a key another lane holds is busy.
///
/// Both leases are taken, after checking the plan's done key, by one script (one round trip), and
/// released by another.
struct SymbolLease: Sendable {
    let redis: RedisClient
    let owner: String
    let milliseconds: Int
    /// Lease keys held by this process's lanes right now.
    let held = HeldKeys()

    /// Thrown while another instance (or another lane of this one) holds the lease; the consumer
    /// retries the message later.
    struct Busy: Error, CustomStringConvertible {
        var symbol: String
        var holder: String
        var description: String { "\(symbol) is leased by \(holder)" }
    }

    /// What ``claim(planID:symbol:doneKey:)`` found.
    enum Claim: Equatable {
        /// Both leases are held: go on.
        case acquired
        /// The plan was answered already (its done key exists); nothing is held.
        case done
    }

    /// The keys one process holds (`@unchecked`-free: a `Mutex`).
    final class HeldKeys: Sendable {
        private let keys = Mutex<Set<String>>([])

        /// Inserts every key, or none when one is held already (then returns it).
        func insert(_ wanted: [String]) -> String? {
            keys.withLock { keys in
                if let taken = wanted.first(where: keys.contains) { return taken }
                keys.formUnion(wanted)
                return nil
            }
        }

        func remove(_ gone: [String]) {
            keys.withLock { $0.subtract(gone) }
        }
    }

    /// KEYS: done key, plan lease, symbol lease; ARGV: owner, milliseconds. Returns `done`, `ok`,
    /// or `busy`, the busy key's index (1 = plan, 2 = symbol) and its holder.
    static let claimScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return {'done'} end
        for i = 2, 3 do
          if not redis.call('SET', KEYS[i], ARGV[1], 'NX', 'PX', ARGV[2]) then
            local holder = redis.call('GET', KEYS[i])
            if holder == ARGV[1] then
              redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2])
            else
              if i == 3 and redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
              return {'busy', tostring(i - 1), holder or ''}
            end
          end
        end
        return {'ok'}
        """

    static let releaseScript = """
        for i = 1, #KEYS do
          if redis.call('GET', KEYS[i]) == ARGV[1] then redis.call('DEL', KEYS[i]) end
        end
        return 0
        """

    /// Checks the plan's done key and takes the plan-id and symbol leases, in one round trip.
    ///
    /// - Throws: ``Busy`` when another instance or lane holds either lease (neither is then held);
    ///   `RedisError` when Redis fails.
    func claim(planID: String, symbol: String, doneKey: String) async throws -> Claim {
        let keys = [ApplyKeys.planLease(planID), ApplyKeys.lease(symbol)]
        if let taken = held.insert(keys) {
            throw Busy(
                symbol: taken == keys[0] ? "plan \(planID)" : "symbol \(symbol)",
                holder: "\(owner) (another plan in flight here)")
        }
        let reply: RedisReply
        do {
            reply = try await redis.checked(
                ["EVAL", Self.claimScript, "3", doneKey] + keys + [owner, String(milliseconds)])
        } catch {
            held.remove(keys)
            throw error
        }
        let parts = reply.array?.compactMap(\.string) ?? []
        switch parts.first {
        case "ok":
            return .acquired
        case "done":
            held.remove(keys)
            return .done
        default:
            held.remove(keys)
            let name = parts.count > 1 && parts[1] == "1" ? "plan \(planID)" : "symbol \(symbol)"
            throw Busy(symbol: name, holder: parts.count > 2 ? parts[2] : "")
        }
    }

    /// The leases a claim took, for ``ResultPublisher`` to release with the plan's result.
    func leases(planID: String, symbol: String) -> ResultPublisher.Leases {
        ResultPublisher.Leases(owner: owner, keys: [ApplyKeys.planLease(planID), ApplyKeys.lease(symbol)])
    }

    /// Forgets a claim in this process once its leases were released in Redis by the result's
    /// script (``leases(planID:symbol:)``).
    func forget(planID: String, symbol: String) {
        held.remove([ApplyKeys.planLease(planID), ApplyKeys.lease(symbol)])
    }

    /// Releases both leases of a claim (only where this owner still holds them).
    func release(planID: String, symbol: String) async {
        let keys = [ApplyKeys.planLease(planID), ApplyKeys.lease(symbol)]
        _ = try? await redis.send(["EVAL", Self.releaseScript, String(keys.count)] + keys + [owner])
        held.remove(keys)
    }
}
