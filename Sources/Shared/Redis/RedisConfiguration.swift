import FoundationEssentials

/// Where and how to reach Redis.
package struct RedisConfiguration: Sendable, Equatable {
    /// How the server is reached.
    package enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        case unixSocket(path: String)
    }

    package var endpoint: Endpoint
    package var username: String?
    /// Sent with `AUTH`; never logged (see ``redactedDescription``).
    package var password: String?
    package var database: Int
    /// Bound on `connect()`.
    package var connectTimeout: Duration
    /// Socket read/write timeout; must exceed every `BLOCK` time used on the connection.
    package var commandTimeout: Duration

    package init(
        endpoint: Endpoint = .tcp(host: "127.0.0.1", port: 6379), username: String? = nil,
        password: String? = nil, database: Int = 0,
        connectTimeout: Duration = .seconds(2), commandTimeout: Duration = .seconds(10)
    ) {
        self.endpoint = endpoint
        self.username = username
        self.password = password
        self.database = database
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
    }

    /// The endpoint without credentials, for logs.
    package var redactedDescription: String {
        switch endpoint {
        case .tcp(let host, let port): "redis://\(host):\(port)/\(database)"
        case .unixSocket(let path): "unix://\(path)?db=\(database)"
        }
    }
}

extension RedisConfiguration {
    /// Reads the Redis settings from the environment.
    ///
    /// - `REDIS_URL` (string): `redis://[user:password@]host:port/db`, or `unix:///path/redis.sock?db=N`
    ///   (also `redis+unix://` / a bare absolute path). Wins over the next two.
    /// - `REDIS_HOST` (string, default `127.0.0.1`), `REDIS_PORT` (int, default `6379`): as the Python services used.
    /// - `REDIS_PASSWORD` (string, optional), `REDIS_DB` (int, default `0`): used with `REDIS_HOST`.
    /// - `REDIS_CONNECT_TIMEOUT_MS` (int, default `2000`), `REDIS_COMMAND_TIMEOUT_MS` (int, default `10000`).
    package init(environment env: EnvironmentReader) throws(ConfigurationError) {
        if let url = env.string("REDIS_URL") {
            self = try RedisConfiguration(url: url, key: "REDIS_URL")
        } else {
            let host = env.string("REDIS_HOST", default: "127.0.0.1")
            let port = try env.int("REDIS_PORT", default: 6379, range: 1...65535)
            let db = try env.int("REDIS_DB", default: 0, range: 0...65535)
            self.init(endpoint: .tcp(host: host, port: port), password: env.string("REDIS_PASSWORD"), database: db)
        }
        connectTimeout = .milliseconds(try env.int("REDIS_CONNECT_TIMEOUT_MS", default: 2000, range: 1...600_000))
        commandTimeout = .milliseconds(try env.int("REDIS_COMMAND_TIMEOUT_MS", default: 10000, range: 100...600_000))
    }

    /// Parses a Redis URL; `key` names the setting in the error.
    package init(url: String, key: String = "REDIS_URL") throws(ConfigurationError) {
        self.init()
        if url.hasPrefix("/") {
            endpoint = .unixSocket(path: url)
            return
        }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            throw ConfigurationError(key: key, reason: "not a URL (expected redis://[user:password@]host:port/db)")
        }
        // `user` and `password` come percent-decoded.
        username = components.user.flatMap { $0.isEmpty ? nil : $0 }
        password = components.password
        let dbFromQuery = components.queryItems?.first { $0.name == "db" }?.value
        switch scheme {
        case "redis":
            let host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
            let port = components.port ?? 6379
            guard (1...65535).contains(port) else {
                throw ConfigurationError(key: key, reason: "port \(port) is out of range")
            }
            endpoint = .tcp(host: host, port: port)
            let path = components.path.trimming("/")
            if let dbText = path.isEmpty ? dbFromQuery : path {
                guard let db = Int(dbText), db >= 0 else {
                    throw ConfigurationError(key: key, reason: "database \"\(dbText)\" is not a non-negative integer")
                }
                database = db
            }
        case "unix", "redis+unix":
            guard !components.path.isEmpty else {
                throw ConfigurationError(key: key, reason: "unix socket path is empty")
            }
            endpoint = .unixSocket(path: components.path)
            if let dbText = dbFromQuery {
                guard let db = Int(dbText), db >= 0 else {
                    throw ConfigurationError(key: key, reason: "database \"\(dbText)\" is not a non-negative integer")
                }
                database = db
            }
        case "rediss":
            throw ConfigurationError(
                key: key, reason: "TLS (rediss://) is not supported by the hiredis on Debian 12; use a local TLS proxy")
        default:
            throw ConfigurationError(
                key: key, reason: "unsupported scheme \"\(scheme)\" (expected redis:// or unix://)")
        }
    }
}
