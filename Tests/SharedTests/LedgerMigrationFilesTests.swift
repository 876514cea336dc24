import Foundation
import Testing

@testable import Shared

@Suite("Ledger migrations")
struct LedgerMigrationFilesTests {
    @Test("versions are strictly increasing and ops/sql holds exactly the SQL the binary applies")
    func opsSQLMatchesMigrations() throws {
        let versions = LedgerMigration.all.map(\.version)
        #expect(versions == Array(1...versions.count))
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../ops/sql").standardizedFileURL
        for migration in LedgerMigration.all {
            let file = directory.appendingPathComponent(migration.fileName)
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text == migration.sql + "\n", "regenerate with: harvestbrain migrate --write-sql ops/sql")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }
        #expect(files.count == LedgerMigration.all.count)
    }
}
