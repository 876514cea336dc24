import Foundation
import Testing

@testable import Shared

@Suite("PostgreSQL client against a real server", .enabled(if: TestEnvironment.postgresEnabled))
struct PostgresClientTests {
    let database: PostgresClient
    let table: String

    init() throws {
        database = try TestEnvironment.postgres()
        table = "t_" + UUID().uuidString.prefix(8).lowercased()
    }

    @Test("NUMERIC values come back as exact text: 0.1 + 0.2 is 0.3")
    func numericIsExact() async throws {
        let rows = try await database.query(
            "SELECT $1::numeric + $2::numeric AS sum, NULL::text AS nothing", ["0.1", "0.2"])
        #expect(try rows.value(0, "sum") == "0.3")
        #expect(try rows.value(0, "nothing") == nil)
        #expect(Decimal(string: try rows.value(0, "sum") ?? "") == Decimal(string: "0.3"))
    }

    @Test("parameters are never spliced into SQL: an injection string is stored verbatim")
    func parametersAreSafe() async throws {
        try await database.query("CREATE TABLE \(table) (id serial PRIMARY KEY, note text UNIQUE)")
        let hostile = "x'); DROP TABLE \(table); --"
        try await database.query("INSERT INTO \(table) (note) VALUES ($1)", [hostile])
        let rows = try await database.query("SELECT note FROM \(table)")
        #expect(rows.values == [[hostile]])
        try await database.query("DROP TABLE \(table)")
    }

    @Test("a unique violation is a server error with SQLSTATE 23505 and the connection stays usable")
    func uniqueViolation() async throws {
        try await database.query("CREATE TABLE \(table) (k text PRIMARY KEY)")
        try await database.query("INSERT INTO \(table) VALUES ($1)", ["a"])
        do {
            try await database.query("INSERT INTO \(table) VALUES ($1)", ["a"])
            Issue.record("expected a unique violation")
        } catch {
            #expect(error.isUniqueViolation)
            #expect(!error.isTransient)
        }
        let inserted = try await database.query("INSERT INTO \(table) VALUES ($1) ON CONFLICT DO NOTHING", ["a"])
        #expect(inserted.affectedRows == 0)
        try await database.query("DROP TABLE \(table)")
    }

    @Test("a transaction that fails part-way leaves nothing behind")
    func transactionRollsBack() async throws {
        try await database.query("CREATE TABLE \(table) (k text PRIMARY KEY)")
        do {
            try await database.transaction { connection throws(PostgresError) in
                try connection.query("INSERT INTO \(table) VALUES ('one')")
                try connection.query("INSERT INTO \(table) VALUES ('one')")
            }
            Issue.record("expected the transaction to fail")
        } catch {
            #expect(error.isUniqueViolation)
        }
        #expect(try await database.query("SELECT count(*) AS n FROM \(table)").value(0, "n") == "0")
        try await database.transaction { connection throws(PostgresError) in
            try connection.query("INSERT INTO \(table) VALUES ('two')")
        }
        #expect(try await database.query("SELECT count(*) AS n FROM \(table)").value(0, "n") == "1")
        try await database.query("DROP TABLE \(table)")
    }

    @Test("after the server ends the session the next query reconnects")
    func reconnectsAfterTermination() async throws {
        let pid = try #require(try await database.query("SELECT pg_backend_pid() AS pid").value(0, "pid"))
        let admin = try TestEnvironment.postgres(name: "admin")
        try await admin.query("SELECT pg_terminate_backend($1::int)", [pid])
        do {
            try await database.query("SELECT 1")
            Issue.record("expected the terminated session to fail")
        } catch {
            #expect(error.isTransient)
        }
        let again = try #require(try await database.query("SELECT pg_backend_pid() AS pid").value(0, "pid"))
        #expect(again != pid)
    }

    @Test("an unreachable server fails with a connection error, and DATABASE_URL's password is never shown")
    func unreachable() async throws {
        let configuration = PostgresConfiguration(
            connectionString: "postgresql://desk:hunter2@127.0.0.1:1/none", connectTimeoutSeconds: 1)
        let client = PostgresClient(configuration: configuration, logger: TestEnvironment.logger)
        do {
            try await client.query("SELECT 1")
            Issue.record("expected a connection error")
        } catch {
            guard case .connection = error else { Issue.record("expected .connection, got \(error)"); return }
            #expect(!error.description.contains("hunter2"))
        }
        #expect(!configuration.redactedDescription.contains("hunter2"))
    }
}
