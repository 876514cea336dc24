/// What one evaluation cycle reads from Redis per position, fetched in pipelines before any
/// position is evaluated: `quantum:position:{SYM}`, `quantum:exitbrain:state:{SYM}` and
/// `quantum:marketstate:{SYM}` (three `HGETALL`s per position, a few hundred per round trip).
struct ExitCycleReads: Sendable {
    /// One position's hashes as read; a hash that failed to read holds the server's error.
    struct Entry: Sendable {
        var position: Result<[String: String], RedisError>
        var state: Result<[String: String], RedisError>
        /// Empty when missing or unreadable (a market-state hash is optional).
        var market: [String: String]
    }

    /// One entry per symbol, in the order given.
    var entries: [Entry]

    /// Reads the three hashes of every symbol (decoded through `memo`: unchanged replies are not decoded again).
    static func load(_ symbols: [String], redis: RedisClient, memo: ExitCycleMemo) async throws(RedisError)
        -> ExitCycleReads
    {
        var commands: [[String]] = []
        commands.reserveCapacity(symbols.count * 3)
        for symbol in symbols {
            commands.append(["HGETALL", ApplyKeys.position(symbol)])
            commands.append(["HGETALL", ExitPositionState.key(symbol)])
            commands.append(["HGETALL", MarketDataSource.key(symbol)])
        }
        let replies = try await redis.pipelineInChunks(commands, size: 600)
        guard replies.count == commands.count else {
            throw .unexpectedReply("pipeline returned \(replies.count) replies for \(commands.count) commands")
        }
        return ExitCycleReads(entries: memo.entries(symbols, replies: replies))
    }

    /// An `HGETALL` reply as a dictionary (as `RedisClient.hashGetAll` decodes it).
    static func hash(_ reply: RedisReply) -> Result<[String: String], RedisError> {
        if case .error(let message) = reply { return .failure(.server(message)) }
        return .success(Dictionary(reply.pairs, uniquingKeysWith: { _, last in last }))
    }
}
