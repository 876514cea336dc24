import ArgumentParser

/// `qtbench`: the benchmark tool. `micro` (the default, what `bench/run` calls) measures the
/// library; `apply` and `exit` are the end-to-end drivers `bench/e2e` uses against the real daemons.
@main
struct QTBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qtbench",
        abstract: "Benchmarks of the shared library and end-to-end drivers of the daemons.",
        subcommands: [MicroCommand.self, ApplyCommand.self, ExitCommand.self],
        defaultSubcommand: MicroCommand.self)
}
