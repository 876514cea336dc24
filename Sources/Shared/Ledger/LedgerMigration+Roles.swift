extension LedgerMigration {
    /// A writer role (harvestbrain) and a read-only reporting role, both NOLOGIN: grant them to login
    /// roles, e.g. `CREATE ROLE harvest LOGIN PASSWORD '…' IN ROLE quantum_ledger_writer`.
    ///
    /// - Important: Creating roles needs `CREATEROLE`; where the migrating user lacks it, create the two
    ///   roles beforehand (the statements below skip roles that exist).
    static let roles = LedgerMigration(
        version: 3, name: "roles",
        sql: """
            -- Roles are cluster-wide: another database may create them at the same moment.
            DO $$
            BEGIN
                BEGIN
                    CREATE ROLE quantum_ledger_writer NOLOGIN;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                END;
                BEGIN
                    CREATE ROLE quantum_ledger_reader NOLOGIN;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                END;
            END
            $$;
            GRANT USAGE ON SCHEMA public TO quantum_ledger_writer, quantum_ledger_reader;
            GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO quantum_ledger_writer;
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO quantum_ledger_writer;
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO quantum_ledger_reader;
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE ON TABLES TO quantum_ledger_writer;
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO quantum_ledger_writer;
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO quantum_ledger_reader;
            """)
}
