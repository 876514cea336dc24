import CHiredis
import Glibc

/// One hiredis connection: commands by argv (binary-safe) and pipelines.
///
/// Not `Sendable`: a `redisContext` must only be used from one thread at a time. ``RedisClient``
/// confines it to an actor that runs on its own dispatch queue. Once a call fails with an I/O
/// error the context is dead (hiredis 0.14), so the connection marks itself broken and the owner
/// opens a new one.
package final class RedisConnection {
    private var context: UnsafeMutablePointer<redisContext>?

    /// Connects, authenticates and selects the database; throws on any failure.
    package init(configuration: RedisConfiguration) throws(RedisError) {
        let timeout = Self.timeval(configuration.connectTimeout)
        let ctx: UnsafeMutablePointer<redisContext>?
        switch configuration.endpoint {
        case .tcp(let host, let port):
            ctx = redisConnectWithTimeout(host, Int32(port), timeout)
        case .unixSocket(let path):
            ctx = redisConnectUnixWithTimeout(path, timeout)
        }
        guard let ctx else { throw .connection("cannot allocate a redis context") }
        if ctx.pointee.err != 0 {
            let message = Self.errorString(ctx)
            redisFree(ctx)
            throw .connection("connect to \(configuration.redactedDescription) failed: \(message)")
        }
        context = ctx
        _ = redisSetTimeout(ctx, Self.timeval(configuration.commandTimeout))
        if let password = configuration.password {
            var auth = ["AUTH"]
            if let user = configuration.username { auth.append(user) }
            auth.append(password)
            if case .error(let message) = try command(auth) {
                close()
                throw .connection("AUTH failed: \(message)")
            }
        }
        if configuration.database != 0 {
            if case .error(let message) = try command(["SELECT", String(configuration.database)]) {
                close()
                throw .connection("SELECT \(configuration.database) failed: \(message)")
            }
        }
    }

    deinit { close() }

    /// False after an I/O error or ``close()``.
    package var isOpen: Bool { context != nil }

    /// Closes the connection; later commands fail.
    package func close() {
        if let context { redisFree(context) }
        context = nil
    }

    /// Runs one command given as text arguments.
    package func command(_ arguments: [String]) throws(RedisError) -> RedisReply {
        try command(bytes: arguments.map { Array($0.utf8) })
    }

    /// Runs one command given as raw byte arguments (binary-safe).
    package func command(bytes arguments: [[UInt8]]) throws(RedisError) -> RedisReply {
        try pipeline(bytes: [arguments])[0]
    }

    /// Sends all commands, then reads all replies: one round trip for the batch.
    package func pipeline(_ commands: [[String]]) throws(RedisError) -> [RedisReply] {
        try pipeline(bytes: commands.map { $0.map { Array($0.utf8) } })
    }

    /// Sends all commands given as raw bytes, then reads all replies.
    package func pipeline(bytes commands: [[[UInt8]]]) throws(RedisError) -> [RedisReply] {
        guard let ctx = context else { throw .connection("connection is closed") }
        for arguments in commands {
            let status = Self.append(ctx, arguments)
            if status != REDIS_OK { throw fail(ctx) }
        }
        var replies: [RedisReply] = []
        replies.reserveCapacity(commands.count)
        for _ in commands {
            var raw: UnsafeMutableRawPointer?
            if redisGetReply(ctx, &raw) != REDIS_OK || raw == nil { throw fail(ctx) }
            let reply = raw!.assumingMemoryBound(to: redisReply.self)
            replies.append(Self.decode(reply))
            freeReplyObject(raw)
        }
        return replies
    }

    private func fail(_ ctx: UnsafeMutablePointer<redisContext>) -> RedisError {
        let code = ctx.pointee.err
        let message = Self.errorString(ctx)
        close()
        if code == REDIS_ERR_IO
            && (errno == EAGAIN || errno == EWOULDBLOCK || message.contains("temporarily unavailable"))
        {
            return .timeout(message)
        }
        return .connection(message.isEmpty ? "I/O error" : message)
    }

    private static func append(_ ctx: UnsafeMutablePointer<redisContext>, _ arguments: [[UInt8]]) -> Int32 {
        var pointers: [UnsafeMutablePointer<CChar>?] = []
        pointers.reserveCapacity(arguments.count)
        var lengths: [Int] = []
        lengths.reserveCapacity(arguments.count)
        defer { pointers.forEach { free($0) } }
        for argument in arguments {
            let buffer = malloc(max(argument.count, 1))!.assumingMemoryBound(to: CChar.self)
            argument.withUnsafeBytes { bytes in
                if let base = bytes.baseAddress { memcpy(buffer, base, argument.count) }
            }
            pointers.append(buffer)
            lengths.append(argument.count)
        }
        return pointers.withUnsafeMutableBufferPointer { argv in
            argv.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: argv.count) { constArgv in
                redisAppendCommandArgv(ctx, Int32(arguments.count), constArgv, lengths)
            }
        }
    }

    private static func decode(_ reply: UnsafeMutablePointer<redisReply>) -> RedisReply {
        let r = reply.pointee
        switch r.type {
        case REDIS_REPLY_STRING:
            return .bulk(bytes(r.str, r.len))
        case REDIS_REPLY_STATUS:
            return .status(String(decoding: bytes(r.str, r.len), as: UTF8.self))
        case REDIS_REPLY_ERROR:
            return .error(String(decoding: bytes(r.str, r.len), as: UTF8.self))
        case REDIS_REPLY_INTEGER:
            return .integer(Int(r.integer))
        case REDIS_REPLY_ARRAY:
            var elements: [RedisReply] = []
            elements.reserveCapacity(Int(r.elements))
            for index in 0..<Int(r.elements) {
                if let element = r.element[index] { elements.append(decode(element)) } else { elements.append(.null) }
            }
            return .array(elements)
        default:
            return .null
        }
    }

    private static func bytes(_ pointer: UnsafeMutablePointer<CChar>?, _ length: Int) -> [UInt8] {
        guard let pointer, length > 0 else { return [] }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            Array(UnsafeBufferPointer(start: $0, count: length))
        }
    }

    private static func errorString(_ ctx: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: ctx.pointee.errstr) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    private static func timeval(_ duration: Duration) -> Glibc.timeval {
        let (seconds, attoseconds) = duration.components
        return Glibc.timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
