/// What went wrong talking to Redis.
///
/// `connection` and `timeout` mean the connection was dropped and will be re-opened by the
/// next command; `server` is an error reply (e.g. `BUSYGROUP …`), and the connection is fine.
package enum RedisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Could not connect, or the connection broke (I/O error, EOF, protocol error).
    case connection(String)
    /// A read or write exceeded the socket timeout.
    case timeout(String)
    /// Redis answered with an error reply.
    case server(String)
    /// The reply did not have the expected shape.
    case unexpectedReply(String)

    package var description: String {
        switch self {
        case .connection(let message): "redis connection error: \(message)"
        case .timeout(let message): "redis timeout: \(message)"
        case .server(let message): "redis error reply: \(message)"
        case .unexpectedReply(let message): "unexpected redis reply: \(message)"
        }
    }

    /// True when the command may succeed if retried after a reconnect.
    package var isTransient: Bool {
        switch self {
        case .connection, .timeout: true
        case .server(let message):
            message.hasPrefix("LOADING") || message.hasPrefix("BUSY ")
                || message.hasPrefix("TRYAGAIN") || message.hasPrefix("MASTERDOWN")
        case .unexpectedReply: false
        }
    }
}
