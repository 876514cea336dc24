/// A statement a connection prepares once (libpq `PQprepare`) and then runs by name
/// (`PQexecPrepared`, ``PostgresConnection/execute(_:_:)``): PostgreSQL parses, analyses and plans
/// it at its first use on each connection instead of at every execution.
///
/// A reconnect gives a new ``PostgresConnection`` that has prepared nothing, so the statement is
/// prepared again there on first use; a rolled-back transaction keeps what was prepared (prepared
/// statements belong to the session, not the transaction). Parameter types come from the casts in
/// the SQL, as with ``PostgresConnection/query(_:_:)``.
package struct PostgresStatement: Sendable, Hashable {
    /// The server-side name; unique per statement text within the process.
    package let name: String
    package let sql: String

    package init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }
}
