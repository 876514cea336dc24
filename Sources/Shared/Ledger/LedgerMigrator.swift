import Logging
import ServiceLifecycle

/// Applies pending ``LedgerMigration``s, each in its own transaction, recording them in
/// `ledger_schema_version`. A PostgreSQL advisory lock keeps two instances from migrating at once.
package struct LedgerMigrator: Sendable {
    let database: PostgresClient
    let logger: Logger
    let migrations: [LedgerMigration]

    /// An arbitrary, fixed key for `pg_advisory_xact_lock`.
    static let lockKey = "7262341150061"

    package init(database: PostgresClient, logger: Logger, migrations: [LedgerMigration] = LedgerMigration.all) {
        self.database = database
        self.logger = logger
        self.migrations = migrations
    }

    /// The versions already applied, ascending.
    package func appliedVersions() async throws(PostgresError) -> [Int] {
        try await ensureVersionTable()
        let rows = try await database.query("SELECT version FROM ledger_schema_version ORDER BY version")
        return rows.values.compactMap { $0.first.flatMap { $0 }.flatMap { Int($0) } }
    }

    /// Applies every pending migration in order; returns the versions it applied.
    @discardableResult
    package func migrate() async throws(PostgresError) -> [Int] {
        try await ensureVersionTable()
        var applied: [Int] = []
        for migration in migrations {
            let done = try await database.transaction { connection throws(PostgresError) -> Bool in
                try connection.query("SELECT pg_advisory_xact_lock($1::bigint)", [Self.lockKey])
                let exists = try connection.query(
                    "SELECT 1 FROM ledger_schema_version WHERE version = $1::int", [String(migration.version)])
                if !exists.isEmpty { return false }
                try connection.script(migration.sql)
                try connection.query(
                    "INSERT INTO ledger_schema_version (version, name) VALUES ($1::int, $2)",
                    [String(migration.version), migration.name])
                return true
            }
            if done {
                applied.append(migration.version)
                logger.info(
                    "ledger migration applied",
                    metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
            }
        }
        return applied
    }

    /// Migrates, retrying with backoff while the database is unreachable (daemon start-up).
    package func migrateWhenReachable(health: HealthState? = nil) async throws {
        var backoff = Backoff(initial: .milliseconds(500), maximum: .seconds(15))
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let failure: PostgresError
            do {
                try await migrate()
                health?.set("postgres", healthy: true)
                return
            } catch {
                failure = error
            }
            guard failure.isTransient else { throw failure }
            health?.set("postgres", healthy: false, detail: "\(failure)")
            if backoff.failures == 0 {
                logger.warning("waiting for postgres to migrate the ledger", metadata: ["error": "\(failure)"])
            }
            await gracefulSleep(for: backoff.next())
        }
        throw CancellationError()
    }

    /// Creates the version table when it is missing. Checked first, because `CREATE TABLE IF NOT
    /// EXISTS` needs CREATE on the schema even when the table exists, which the writer role lacks.
    private func ensureVersionTable() async throws(PostgresError) {
        let exists = try await database.query("SELECT to_regclass('ledger_schema_version') IS NOT NULL")
        if exists.values.first?.first == "t" { return }
        try await database.query(
            """
            CREATE TABLE IF NOT EXISTS ledger_schema_version (
                version    integer PRIMARY KEY,
                name       text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
    }
}
