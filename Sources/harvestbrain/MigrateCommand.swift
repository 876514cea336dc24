import ArgumentParser
import FoundationEssentials
import Logging
import Shared

/// `harvestbrain migrate`: applies pending ledger migrations, or writes them as SQL files.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending ledger migrations to DATABASE_URL (or write them as .sql files with --write-sql).",
        discussion: """
            Migrations are versioned and recorded in ledger_schema_version; each runs in its own transaction and \
            only once. `harvestbrain run` applies them at start too. Exit codes: 0 done, 69 database unreachable, \
            1 a migration failed, 78 DATABASE_URL missing or malformed.
            """
    )

    @Option(help: "Write every migration as NNN_name.sql into this directory instead of applying them.")
    var writeSQL: String?

    func run() async throws {
        if let writeSQL {
            let directory = URL(fileURLWithPath: writeSQL)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for migration in LedgerMigration.all {
                try Data((migration.sql + "\n").utf8).write(to: directory.appendingPathComponent(migration.fileName))
                print("wrote \(directory.appendingPathComponent(migration.fileName).path)")
            }
            return
        }
        let configuration = try ExitStatus.configuring("harvestbrain migrate") {
            try PostgresConfiguration(environment: EnvironmentReader())
        }
        var logger = Logger(label: "harvestbrain.migrate")
        logger.logLevel = .warning
        let migrator = LedgerMigrator(
            database: PostgresClient(configuration: configuration, logger: logger), logger: logger)
        do {
            let applied = try await migrator.migrate()
            let versions = try await migrator.appliedVersions()
            print(
                applied.isEmpty
                    ? "ledger schema up to date (version \(versions.last ?? 0))"
                    : "applied migrations \(applied.map(String.init).joined(separator: ", ")); schema version \(versions.last ?? 0)"
            )
        } catch {
            throw ExitStatus.fail(
                "harvestbrain migrate: \(error)", code: error.isTransient ? ExitStatus.unavailable : 1)
        }
    }
}
