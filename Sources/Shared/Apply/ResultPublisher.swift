/// Publishes a plan's one result atomically with its done key (holding the result's stream id)
/// and its cooldown key, in one Lua script (atomic like `MULTI`/`EXEC`, and able to store the id
/// `XADD` returned). A plan whose done key exists is not answered twice.
struct ResultPublisher: Sendable {
    let redis: RedisClient
    let configuration: ApplyConfiguration

    static let script = """
        local prior = redis.call('GET', KEYS[2])
        if prior then return prior end
        local args = {'XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*'}
        for i = 4, #ARGV do args[#args + 1] = ARGV[i] end
        local id = redis.call(unpack(args))
        redis.call('SET', KEYS[2], id, 'EX', ARGV[2])
        if tonumber(ARGV[3]) > 0 then redis.call('SET', KEYS[3], '1', 'EX', ARGV[3]) end
        return id
        """

    /// Writes `fields` to the result stream, the done key of `planID`, and (when `cooldownSeconds`
    /// > 0) the symbol's cooldown; returns the result's stream id (or the earlier one).
    @discardableResult
    func publish(_ fields: WirePairs, planID: String, symbol: String, cooldownSeconds: Int) async throws(RedisError) -> String {
        let cooldown = configuration.isDry ? 0 : cooldownSeconds
        let arguments = ["EVAL", Self.script, "3", configuration.resultStream, configuration.doneKey(planID),
                         ApplyKeys.cooldown(symbol), String(configuration.resultMaxLength),
                         String(configuration.doneTTLSeconds), String(cooldown)]
            + fields.flatMap { [$0.0, $0.1] }
        guard let id = try await redis.checked(arguments).string else {
            throw .unexpectedReply("result script returned no id")
        }
        return id
    }
}
