import FoundationEssentials

/// Where and how to reach PostgreSQL.
package struct PostgresConfiguration: Sendable, Equatable {
    /// A libpq connection string: a `postgresql://` URI or `key=value` pairs. May hold a password;
    /// never logged (see ``redactedDescription``).
    package var connectionString: String
    /// Bound on connecting, in seconds (libpq's `connect_timeout`).
    package var connectTimeoutSeconds: Int

    package init(connectionString: String, connectTimeoutSeconds: Int = 5) {
        self.connectionString = connectionString
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }

    /// Reads the database settings.
    ///
    /// - `DATABASE_URL` (string, required): `postgresql://user[:password]@host:port/database[?sslmode=…]`
    ///   or a libpq `key=value` string.
    /// - `DATABASE_CONNECT_TIMEOUT_SEC` (int, default `5`).
    package init(environment env: EnvironmentReader) throws(ConfigurationError) {
        guard let url = env.string("DATABASE_URL") else {
            throw ConfigurationError(
                key: "DATABASE_URL", reason: "not set (expected postgresql://user@host:port/database)")
        }
        guard url.hasPrefix("postgresql://") || url.hasPrefix("postgres://") || url.contains("=") else {
            throw ConfigurationError(key: "DATABASE_URL", reason: "expected a postgresql:// URL or key=value pairs")
        }
        self.init(
            connectionString: url,
            connectTimeoutSeconds: try env.int("DATABASE_CONNECT_TIMEOUT_SEC", default: 5, range: 1...600))
    }

    /// The connection string without its password, for logs.
    package var redactedDescription: String {
        if let components = URLComponents(string: connectionString), components.scheme != nil {
            var safe = components
            if safe.password != nil { safe.password = "***" }
            safe.query = nil
            return safe.string ?? "postgresql://***"
        }
        return connectionString.split(separator: " ").map { pair in
            pair.lowercased().hasPrefix("password=") ? "password=***" : String(pair)
        }.joined(separator: " ")
    }
}
