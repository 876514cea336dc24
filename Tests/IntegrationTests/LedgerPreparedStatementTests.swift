import Foundation
import Testing

@testable import Shared

/// The batch writer runs prepared statements (`PostgresStatement`), prepared once per connection:
/// they must survive a rolled-back transaction and be prepared again after a reconnect.
@Suite(
    "Ledger batches on prepared statements (a private PostgreSQL, restarted)", .serialized,
    .enabled(if: TestEnvironment.postgresEnabled))
struct LedgerPreparedStatementTests {
    typealias Equivalence = LedgerBatchEquivalenceTests

    @Test(
        "a rejected batch, then PostgreSQL restarted between batches: the retry prepares again on the new connection, and the ledger is the one-at-a-time ledger, nothing lost or doubled"
    )
    func batchesSurviveRollbackAndRestart() async throws {
        let sequence = Equivalence.sequence
        // Rejected by PostgreSQL (to_timestamp of NaN), after its row took a result id.
        var poison = Equivalence.result(900, fill: false)
        poison.time = Date(timeIntervalSince1970: .nan)
        // The reference: one at a time, the rejected result tried at the same place.
        let (referenceDatabase, referenceStore) = try await Equivalence.migrated()
        var referenceOutcomes: [LedgerOutcome] = []
        for (index, result) in sequence.enumerated() {
            if index == 9 { _ = try? await referenceStore.record(poison) }
            referenceOutcomes.append(try await referenceStore.record(result))
        }
        let referenceRows = try await Equivalence.snapshot(referenceDatabase)
        let server = try PostgresProcess.start()
        let database = PostgresClient(configuration: server.configuration, logger: TestEnvironment.logger)
        try await LedgerMigrator(database: database, logger: TestEnvironment.logger).migrate()
        let store = LedgerStore(database: database)
        let batches = Equivalence.split(sequence, [9, 10])
        #expect(batches.count == 3)

        var outcomes = try await store.recordBatch(batches[0])
        // Rolled back; the next batch runs on the same connection.
        do {
            _ = try await store.recordBatch([poison])
            Issue.record("a NaN result time was accepted")
        } catch {
            #expect(!error.isTransient, "\(error)")
        }
        outcomes += try await store.recordBatch(batches[1])

        // A clean stop (a crash would make the sequences skip values, so ids would differ from the reference).
        server.stop(cleanly: true)
        try server.restart()
        do {
            _ = try await store.recordBatch(batches[2])
            Issue.record("the connection to the stopped server still worked")
        } catch {
            #expect(error.isTransient, "\(error)")
        }
        outcomes += try await Self.whenReconnected { try await store.recordBatch(batches[2]) }

        // Everything redelivered after the restart: every result a duplicate, nothing changes.
        let redelivered = try await store.recordBatch(sequence)
        #expect(redelivered.allSatisfy { $0 == .duplicate })
        #expect(outcomes == referenceOutcomes)
        #expect(try await Equivalence.snapshot(database) == referenceRows)
        await database.close()
    }

    /// `body` retried while the client waits out its reconnect backoff (a transient error), up to 20 s.
    static func whenReconnected<T>(_ body: () async throws -> T) async throws -> T {
        for _ in 0..<200 {
            do {
                return try await body()
            } catch let error as PostgresError where error.isTransient {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        return try await body()
    }
}
