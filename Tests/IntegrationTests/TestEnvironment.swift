import Foundation
import Logging
import Testing

@testable import Shared

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

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

    /// The logical Redis database for tests that run whole daemons: their reconcilers (and
    /// exitbrain) scan every `quantum:position:*` key, so they get a database of their own and never
    /// touch the position hashes and leases the in-process suites set on database 0.
    static let daemonDatabase = 14

    /// `TEST_REDIS_URL` on ``daemonDatabase``.
    static var daemonRedisURL: String {
        (environment["TEST_REDIS_URL"] ?? "")
            .replacingOccurrences(of: #"/[0-9]+$"#, with: "/\(daemonDatabase)", options: .regularExpression)
    }

    /// A client on ``daemonDatabase``.
    static func daemonRedis() throws -> RedisClient {
        var configuration = try redisConfiguration()
        configuration.database = daemonDatabase
        return RedisClient(configuration: configuration, name: "daemon-test", logger: logger)
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

    /// A new, empty database of its own (see ``freshDatabase(prefix:)``) with every ledger migration
    /// applied; the database is left behind for the throwaway test server.
    static func freshLedgerDatabase() async throws -> PostgresClient {
        let database = try await freshDatabase(prefix: "ledger")
        let migrator = LedgerMigrator(database: database, logger: logger)
        do {
            try await migrator.migrate()
        } catch {
            // Suites migrating in parallel on a fresh server can race to create the shared roles once.
            try await migrator.migrate()
        }
        return database
    }

    /// `2026-11-20T10:00:00Z` as a `Date`, for ledger fixtures.
    static func utc(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    /// Inserts a closed round trip with plain SQL; returns its id.
    @discardableResult
    static func insertClosedRoundTrip(
        _ database: PostgresClient, symbol: String, side: String, opened: String, closed: String,
        gross: String, fees: String, funding: String = "0"
    ) async throws -> String {
        let rows = try await database.query(
            """
            INSERT INTO ledger_round_trips (exchange, symbol, side, status, opened_at, closed_at, gross_pnl, fees, funding)
            VALUES ('binance_usdm', $1, $2, 'closed', $3::timestamptz, $4::timestamptz, $5::numeric, $6::numeric, $7::numeric)
            RETURNING id
            """, [symbol, side, opened, closed, gross, fees, funding])
        return try #require(try rows.value(0, "id"))
    }

    /// Inserts an executed order (fills summed) with plain SQL.
    static func insertLedgerOrder(
        _ database: PostgresClient, roundTrip: String?, symbol: String, orderID: String, side: String, reduceOnly: Bool,
        qty: String, price: String, realized: String = "0", commission: String, at: String,
        exitReason: String? = nil, source: String? = nil
    ) async throws {
        try await database.query(
            """
            INSERT INTO ledger_orders (exchange, symbol, order_id, side, reduce_only, filled_qty, avg_price, realized_pnl,
                                       commission, commission_asset, exit_reason, plan_source, executed_at, round_trip_id)
            VALUES ('binance_usdm', $1, $2, $3, $4::boolean, $5::numeric, $6::numeric, $7::numeric, $8::numeric, 'USDT',
                    $9, $10, $11::timestamptz, $12::bigint)
            """,
            [
                symbol, orderID, side, reduceOnly ? "true" : "false", qty, price, realized, commission,
                exitReason, source, at, roundTrip,
            ])
    }

    /// Inserts a funding payment with plain SQL (`amount` signed as the exchange pays it).
    static func insertLedgerFunding(
        _ database: PostgresClient, symbol: String, tranID: String, amount: String, at: String
    ) async throws {
        try await database.query(
            """
            INSERT INTO ledger_funding (exchange, symbol, tran_id, amount, asset, funding_time)
            VALUES ('binance_usdm', $1, $2, $3::numeric, 'USDT', $4::timestamptz)
            """, [symbol, tranID, amount, at])
    }

    /// Inserts a consumed apply.result with plain SQL.
    static func insertLedgerResult(
        _ database: PostgresClient, symbol: String, executed: Bool, reduceOnly: Bool, errorCode: String = "",
        action: String? = nil, planID: String? = nil, at: Date
    ) async throws {
        let entry = "\(Int(at.timeIntervalSince1970 * 1000))-\(UUID().uuidString.prefix(8))"
        try await database.query(
            """
            INSERT INTO ledger_results (stream, entry_id, plan_id, symbol, action, decision, executed, reduce_only, error,
                                        error_code, producer, result_time, fields)
            VALUES ('quantum:stream:apply.result', $1, $2, $3, $4, 'EXECUTE', $5::boolean, $6::boolean, $7, $7,
                    'applylayer', $8::timestamptz, '{}'::jsonb)
            """,
            [
                entry, planID ?? "plan-" + entry, symbol, action, executed ? "true" : "false",
                reduceOnly ? "true" : "false",
                errorCode, ReportTime.rfc3339(at),
            ])
    }

    /// Runs the built `harvestbrain` (from `$QT_BIN_DIR`, as `ops/test` exports it) with `arguments`
    /// and extra environment; returns its exit status, standard output and standard error.
    ///
    /// The process is waited for on a dispatch thread, not on Swift's cooperative pool: the full
    /// suite shares that pool's two threads, and a command that waits for a connect timeout would
    /// hold one for seconds (other suites' servers, which answer on the pool, then stalled).
    static func runHarvestbrain(_ arguments: [String], environment extra: [String: String]) async throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runHarvestbrainNow(arguments, environment: extra) })
            }
        }
    }

    private static func runHarvestbrainNow(_ arguments: [String], environment extra: [String: String]) throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let directory = try #require(
            environment["QT_BIN_DIR"], "QT_BIN_DIR is not set: run the tests through ./ops/test")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: directory).appendingPathComponent("harvestbrain")
        process.arguments = arguments
        process.environment = environment.merging(extra) { _, new in new }
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("harvestbrain-\(UUID().uuidString)")
        let outURL = base.appendingPathExtension("out"), errURL = base.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outURL); try? FileManager.default.removeItem(at: errURL) }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return (
            process.terminationStatus, try String(contentsOf: outURL, encoding: .utf8),
            try String(contentsOf: errURL, encoding: .utf8)
        )
    }
}

extension URLSession {
    /// `data(for:)` run in a task of its own, which the caller's cancellation does not reach.
    ///
    /// swift-corelibs-foundation's URLSession deadlocks when the awaiting task is cancelled while
    /// the request completes (its cancel handler and its completion wait on each other's locks):
    /// a failing lane of a task group cancelled its siblings' requests and the whole test run hung.
    func uncancellableData(for request: URLRequest) async throws -> (Data, URLResponse) {
        try await Task.detached { try await URLSession.shared.data(for: request) }.value
    }
}
