import Foundation
import Logging
import Testing

@testable import Shared

/// The servers `./ops/test` started for this run (real redis-server and PostgreSQL on loopback).
///
/// Without `TEST_REDIS_URL` the Redis suites are disabled when run by hand; under `CI=true`
/// they run anyway and fail, so CI never skips them silently.
enum TestEnvironment {
    static let environment = ProcessInfo.processInfo.environment
    static let isCI = environment["CI"] == "true"

    /// True when the Redis suites should run.
    static var redisEnabled: Bool { isCI || environment["TEST_REDIS_URL"] != nil }

    /// The test Redis, as configured by `ops/test`.
    static func redisConfiguration() throws -> RedisConfiguration {
        guard let url = environment["TEST_REDIS_URL"] else {
            throw ConfigurationError(key: "TEST_REDIS_URL", reason: "not set: run the tests through ./ops/test")
        }
        var configuration = try RedisConfiguration(url: url, key: "TEST_REDIS_URL")
        configuration.commandTimeout = .seconds(5)
        return configuration
    }

    /// True when the PostgreSQL suites should run.
    static var postgresEnabled: Bool { isCI || environment["TEST_DATABASE_URL"] != nil }

    /// The test database, as configured by `ops/test`.
    static func postgresConfiguration() throws -> PostgresConfiguration {
        guard let url = environment["TEST_DATABASE_URL"] else {
            throw ConfigurationError(key: "TEST_DATABASE_URL", reason: "not set: run the tests through ./ops/test")
        }
        return PostgresConfiguration(connectionString: url)
    }

    /// A fresh client on the test database.
    static func postgres(name: String = "test") throws -> PostgresClient {
        PostgresClient(configuration: try postgresConfiguration(), name: name, logger: logger)
    }

    /// A new, empty database on the test server, and a client on it (one per test keeps tests apart).
    static func freshDatabase(prefix: String = "ledger") async throws -> PostgresClient {
        let admin = try postgres(name: "admin")
        let name = "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
        try await admin.query("CREATE DATABASE \(name)")
        await admin.close()
        var url = try postgresConfiguration().connectionString
        if let slash = url.lastIndex(of: "/") { url = String(url[..<slash]) + "/" + name }
        return PostgresClient(configuration: PostgresConfiguration(connectionString: url), name: name, logger: logger)
    }

    static let logger: Logger = {
        var logger = Logger(label: "tests")
        logger.logLevel = environment["TEST_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .critical
        return logger
    }()

    /// A fresh client on the test Redis.
    static func redis(name: String = "test") throws -> RedisClient {
        RedisClient(configuration: try redisConfiguration(), name: name, logger: logger)
    }

    /// A key or stream name no other test uses.
    static func unique(_ prefix: String) -> String {
        "test:\(prefix):\(UUID().uuidString.prefix(8))"
    }

    /// Polls `condition` until it holds or `attempts` × `interval` passed.
    static func eventually(
        attempts: Int = 200, interval: Duration = .milliseconds(25), _ condition: () async throws -> Bool
    ) async rethrows -> Bool {
        for _ in 0..<attempts {
            if try await condition() { return true }
            try? await Task.sleep(for: interval)
        }
        return try await condition()
    }
}
