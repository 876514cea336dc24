import Foundation
import Testing

@testable import Shared

/// The roles of migration 003 (`quantum_ledger_writer`, `quantum_ledger_reader`) given to login
/// roles as docs/security.md says: the reader reads and nothing else, the writer records results
/// but cannot delete, truncate, drop or change the schema.
@Suite("Ledger roles: writer and read-only reader", .enabled(if: TestEnvironment.postgresEnabled), .serialized)
struct LedgerRoleTests {
    /// A migrated fresh database, one login role in each group role, and clients logged in as them.
    struct Logins {
        let owner: PostgresClient
        let writer: PostgresClient
        let reader: PostgresClient
        let names: [String]

        func close() async {
            await writer.close()
            await reader.close()
            for name in names { _ = try? await owner.query("DROP OWNED BY \(name)") }
            for name in names { _ = try? await owner.query("DROP ROLE IF EXISTS \(name)") }
            await owner.close()
        }
    }

    func logins() async throws -> Logins {
        let owner = try await TestEnvironment.freshDatabase(prefix: "roles")
        try await LedgerMigrator(database: owner, logger: TestEnvironment.logger).migrate()
        let tag = UUID().uuidString.prefix(8).lowercased()
        let writerName = "ledger_w_\(tag)", readerName = "ledger_r_\(tag)"
        try await owner.query("CREATE ROLE \(writerName) LOGIN IN ROLE quantum_ledger_writer")
        try await owner.query("CREATE ROLE \(readerName) LOGIN IN ROLE quantum_ledger_reader")
        let url = await owner.configuration.connectionString
        func client(_ user: String) -> PostgresClient {
            // postgresql://postgres@host:port/db → postgresql://<user>@host:port/db
            let rest = url[url.index(after: url.firstIndex(of: "@")!)...]
            return PostgresClient(
                configuration: PostgresConfiguration(connectionString: "postgresql://\(user)@\(rest)"), name: user,
                logger: TestEnvironment.logger)
        }
        return Logins(
            owner: owner, writer: client(writerName), reader: client(readerName), names: [writerName, readerName])
    }

    /// The SQLSTATE of `sql` run by `client`, or nil when it succeeded.
    func failure(_ client: PostgresClient, _ sql: String) async -> String? {
        do {
            try await client.query(sql)
            return nil
        } catch {
            return "\(error)"
        }
    }

    static let insertResult = """
        INSERT INTO ledger_results (stream, entry_id, plan_id, symbol, executed, result_time, fields)
        VALUES ('quantum:stream:apply.result', 'role-1', 'p-role', 'BTCUSDT', false, now(), '{}')
        """

    @Test func theReaderReadsEveryTableAndViewButCannotWriteAnything() async throws {
        let logins = try await logins()
        #expect(await failure(logins.owner, Self.insertResult) == nil)
        let count = try await logins.reader.query("SELECT count(*) FROM ledger_results")
        #expect(count.values == [["1"]])
        #expect(
            await failure(logins.reader, "SELECT * FROM ledger_round_trip_report LIMIT 1") == nil, "views are readable")
        for sql in [
            Self.insertResult.replacingOccurrences(of: "role-1", with: "role-2"),
            "UPDATE ledger_results SET error = 'x'",
            "DELETE FROM ledger_results",
            "TRUNCATE ledger_results",
            "DROP TABLE ledger_results",
            "ALTER TABLE ledger_results ADD COLUMN x int",
            "CREATE TABLE reader_table (a int)",
            "DELETE FROM ledger_schema_version",
        ] {
            let refused = await failure(logins.reader, sql)
            #expect(
                refused?.contains("permission denied") == true || refused?.contains("must be owner") == true,
                "the reader may run \(sql.prefix(40)): \(refused ?? "allowed")")
        }
        #expect(
            try await logins.owner.query("SELECT count(*), min(error) FROM ledger_results").values == [["1", ""]],
            "nothing the reader tried changed a row")
        await logins.close()
    }

    @Test func theWriterRecordsResultsButCannotDeleteDropOrAlter() async throws {
        let logins = try await logins()
        let store = LedgerStore(database: logins.writer)
        let fill = LedgerFill(
            symbol: "ETHUSDT", orderID: "role-order", planID: "plan-role", side: .buy, reduceOnly: false, action: nil,
            status: "FILLED", quantity: 2, averagePrice: 2000, realizedPnL: 0, commission: Decimal(string: "1.6")!,
            commissionAsset: "USDT", killScore: nil, reasonCodes: nil, planSource: "intent_bridge",
            entryRiskUSDT: 10, executedAt: Date(timeIntervalSince1970: 1_770_000_000))
        let result = LedgerResult(
            stream: "quantum:stream:apply.result", entryID: "role-1", planID: "plan-role", symbol: "ETHUSDT",
            action: nil,
            executed: true, reduceOnly: false, error: "", producer: "applylayer", time: fill.executedAt,
            fields: ["plan_id": "plan-role"], fill: fill)
        #expect(try await store.record(result) == .recorded(order: true), "the writer records through the real store")
        #expect(try await logins.owner.query("SELECT count(*) FROM ledger_orders").values == [["1"]])

        for sql in [
            "DELETE FROM ledger_results",
            "TRUNCATE ledger_results",
            "DROP TABLE ledger_results",
            "DROP TABLE ledger_schema_version",
            "DROP VIEW ledger_round_trip_report",
            "ALTER TABLE ledger_orders ADD COLUMN x int",
            "CREATE TABLE writer_table (a int)",
            "DROP SCHEMA public CASCADE",
        ] {
            let refused = await failure(logins.writer, sql)
            #expect(
                refused?.contains("permission denied") == true || refused?.contains("must be owner") == true,
                "the writer may run \(sql.prefix(40)): \(refused ?? "allowed")")
        }
        #expect(
            try await logins.owner.query("SELECT count(*) FROM ledger_results").values == [["1"]], "nothing was deleted"
        )
        await logins.close()
    }
}
