/// Publishes a plan's one result atomically with everything that goes with it, in one Lua script
/// (atomic like `MULTI`/`EXEC`, and able to store the id `XADD` returned): the done key (holding the
/// result's stream id), the cooldown key, the position hash change the plan made, and the release
/// of the plan's leases. A plan whose done key exists is not answered twice (and its position
/// change is not written again); its leases are still released.
///
/// One round trip instead of three (result, position hash, lease release): on a close these were
/// half of applylayer's Redis round trips.
struct ResultPublisher: Sendable {
    let redis: RedisClient
    let configuration: ApplyConfiguration

    /// A change to `quantum:position:{SYM}` written with the result.
    enum PositionWrite: Sendable {
        /// The position is gone (closed in full, or the exchange has none).
        case delete
        /// These fields are set (HSET), the others kept.
        case set(WirePairs)
    }

    /// The leases a plan holds, released (where `owner` still holds them) with its result.
    struct Leases: Sendable {
        var owner: String
        var keys: [String]
    }

    /// KEYS: result stream, done key, cooldown key, the lease keys, then the position key when
    /// the position is written (only then, so a plan for a symbol whose key the Redis ACL does not
    /// cover is still answered). ARGV: max length, done TTL, cooldown TTL, lease owner, position
    /// op (`none`, `del`, `hset`), number of position field pairs, the position pairs, then the
    /// result's field pairs.
    static let script = """
        local written = ARGV[5] ~= 'none'
        local last = written and #KEYS - 1 or #KEYS
        local function release()
          for i = 4, last do
            if redis.call('GET', KEYS[i]) == ARGV[4] then redis.call('DEL', KEYS[i]) end
          end
        end
        local prior = redis.call('GET', KEYS[2])
        if prior then
          release()
          return prior
        end
        local pairs = tonumber(ARGV[6])
        local args = {'XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*'}
        for i = 7 + 2 * pairs, #ARGV do args[#args + 1] = ARGV[i] end
        local id = redis.call(unpack(args))
        redis.call('SET', KEYS[2], id, 'EX', ARGV[2])
        if tonumber(ARGV[3]) > 0 then redis.call('SET', KEYS[3], '1', 'EX', ARGV[3]) end
        if ARGV[5] == 'del' then
          redis.call('DEL', KEYS[#KEYS])
        elseif ARGV[5] == 'hset' then
          local hset = {'HSET', KEYS[#KEYS]}
          for i = 7, 6 + 2 * pairs do hset[#hset + 1] = ARGV[i] end
          redis.call(unpack(hset))
        end
        release()
        return id
        """

    /// Writes `fields` to the result stream, the done key of `planID`, (when `cooldownSeconds` > 0)
    /// the symbol's cooldown and `position`, and releases `leases`; returns the result's stream id
    /// (or the earlier one when the plan was answered already). In `dry_run` no cooldown and no
    /// position change is written.
    @discardableResult
    func publish(
        _ fields: WirePairs, planID: String, symbol: String, cooldownSeconds: Int,
        position: PositionWrite? = nil, releasing leases: Leases? = nil
    ) async throws(RedisError) -> String {
        let cooldown = configuration.isDry ? 0 : cooldownSeconds
        let write = configuration.isDry ? nil : position
        let operation: String
        var positionPairs: WirePairs = []
        switch write {
        case nil: operation = "none"
        case .delete: operation = "del"
        case .set(let pairs):
            operation = pairs.isEmpty ? "none" : "hset"
            positionPairs = pairs
        }
        let leaseKeys = leases?.keys ?? []
        let positionKeys = operation == "none" ? [] : [ApplyKeys.position(symbol)]
        var arguments = [
            "EVAL", Self.script, String(3 + leaseKeys.count + positionKeys.count), configuration.resultStream,
            configuration.doneKey(planID), ApplyKeys.cooldown(symbol),
        ]
        arguments += leaseKeys + positionKeys
        arguments += [
            String(configuration.resultMaxLength), String(configuration.doneTTLSeconds), String(cooldown),
            leases?.owner ?? "", operation, String(positionPairs.count),
        ]
        arguments += positionPairs.flatMap { [$0.0, $0.1] }
        arguments += fields.flatMap { [$0.0, $0.1] }
        guard let id = try await redis.checked(arguments).string else {
            throw .unexpectedReply("result script returned no id")
        }
        return id
    }
}
