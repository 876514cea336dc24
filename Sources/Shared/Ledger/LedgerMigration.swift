/// One versioned schema change of the ledger, applied once in its own transaction.
package struct LedgerMigration: Sendable {
    /// Strictly increasing, recorded in `ledger_schema_version`.
    package var version: Int
    /// A short name, e.g. `core_tables`.
    package var name: String
    /// The SQL, run as one transaction (no `CREATE INDEX CONCURRENTLY`).
    package var sql: String

    package init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// The file name under `ops/sql/`, e.g. `001_core_tables.sql`.
    package var fileName: String {
        let number = String(version)
        return String(repeating: "0", count: max(0, 3 - number.count)) + number + "_" + name + ".sql"
    }

    /// Every migration, in order.
    package static let all: [LedgerMigration] = [coreTables, reportingViews, roles]
}
