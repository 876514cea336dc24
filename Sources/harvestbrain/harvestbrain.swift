import ArgumentParser

/// harvestbrain: the realized-PnL ledger and its reports.
@main
struct HarvestBrain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harvestbrain",
        abstract: "Records realized PnL from quantum:stream:apply.result into a PostgreSQL ledger, with SQL reports.",
        discussion: """
            harvestbrain consumes quantum:stream:apply.result in group harvest_brain:execution (created at $: a new \
            deployment never replays history), writes results, orders and round trips to PostgreSQL (NUMERIC money, \
            one transaction per result, acknowledged after commit), and answers what the desk earned: \
            `harvestbrain report`, `harvestbrain reconcile` against the exchange's income history, and \
            `harvestbrain scorecard` (the desk's six checks). `harvestbrain migrate` applies the schema.
            """,
        subcommands: [
            RunCommand.self, MigrateCommand.self, ReportCommand.self, ScorecardCommand.self, ReconcileCommand.self,
        ]
    )
}
