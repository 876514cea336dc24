/// Typed helpers for the commands the daemons use most; anything else goes through `send`.
extension RedisClient {
    /// Throws the error reply as ``RedisError/server(_:)``; returns any other reply.
    @discardableResult
    package func checked(_ arguments: [String]) throws(RedisError) -> RedisReply {
        let reply = try send(arguments)
        if case .error(let message) = reply { throw .server(message) }
        return reply
    }

    /// `GET key`, as text.
    package func get(_ key: String) throws(RedisError) -> String? {
        try checked(["GET", key]).string
    }

    /// `SET key value [EX seconds | PX ms] [NX]`; returns false when NX prevented the write.
    @discardableResult
    package func set(
        _ key: String, _ value: String, expireSeconds: Int? = nil, expireMilliseconds: Int? = nil,
        onlyIfAbsent: Bool = false
    ) throws(RedisError) -> Bool {
        var arguments = ["SET", key, value]
        if let expireSeconds { arguments += ["EX", String(expireSeconds)] }
        if let expireMilliseconds { arguments += ["PX", String(expireMilliseconds)] }
        if onlyIfAbsent { arguments.append("NX") }
        return !(try checked(arguments)).isNull
    }

    /// `DEL keys…`, returning how many were removed.
    @discardableResult
    package func delete(_ keys: String...) throws(RedisError) -> Int {
        try checked(["DEL"] + keys).integer ?? 0
    }

    /// `EXISTS key`.
    package func exists(_ key: String) throws(RedisError) -> Bool {
        (try checked(["EXISTS", key]).integer ?? 0) > 0
    }

    /// `HGETALL key` as a dictionary (empty when the key is missing).
    package func hashGetAll(_ key: String) throws(RedisError) -> [String: String] {
        Dictionary(try checked(["HGETALL", key]).pairs, uniquingKeysWith: { _, last in last })
    }

    /// `HSET key field value …`.
    package func hashSet(_ key: String, _ fields: [(String, String)]) throws(RedisError) {
        guard !fields.isEmpty else { return }
        try checked(["HSET", key] + fields.flatMap { [$0.0, $0.1] })
    }

    /// `XADD stream [MAXLEN ~ n] * field value …`, returning the new id.
    @discardableResult
    package func streamAdd(_ stream: String, _ fields: [(String, String)], maxLength: Int? = nil)
        throws(RedisError) -> String
    {
        var arguments = ["XADD", stream]
        if let maxLength { arguments += ["MAXLEN", "~", String(maxLength)] }
        arguments.append("*")
        arguments += fields.flatMap { [$0.0, $0.1] }
        guard let id = try checked(arguments).string else { throw .unexpectedReply("XADD returned no id") }
        return id
    }
}
