/// What went wrong talking to PostgreSQL.
package enum PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Could not connect, or the connection broke; the next call reconnects.
    case connection(String)
    /// The server rejected a statement; `sqlState` is the five-character SQLSTATE code.
    case server(sqlState: String, message: String)
    /// A reply did not have the expected shape (e.g. a missing column).
    case unexpected(String)

    package var description: String {
        switch self {
        case .connection(let message): "postgres connection error: \(message)"
        case .server(let state, let message): "postgres error \(state): \(message)"
        case .unexpected(let message): "unexpected postgres reply: \(message)"
        }
    }

    /// True when retrying later may succeed: connection failures, server shutdown or restart
    /// (class 08, 57P0x), serialization failures and deadlocks.
    package var isTransient: Bool {
        switch self {
        case .connection: true
        case .server(let state, _):
            state.hasPrefix("08") || state.hasPrefix("57P0") || state == "40001" || state == "40P01" || state == "53300"
        case .unexpected: false
        }
    }

    /// True for a unique-constraint violation (SQLSTATE 23505).
    package var isUniqueViolation: Bool {
        if case .server(let state, _) = self { return state == "23505" }
        return false
    }
}
