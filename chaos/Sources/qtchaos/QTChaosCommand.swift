import ArgumentParser

/// `qtchaos`: the driver of `ops/chaos`. It feeds seeded plans, publishes hostile messages,
/// flattens what is left open and checks, at the end, that nothing was lost or doubled.
/// `ops/chaos` starts the servers and daemons and injects the process and network faults.
@main
struct QTChaosCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qtchaos",
        abstract: "Feed, hostile messages, flatten and final checks for ops/chaos.",
        discussion: """
            Reads REDIS_URL, DATABASE_URL, BINANCE_BASE_URL, BINANCE_API_KEY and BINANCE_API_SECRET
            from the environment (the same keys as the daemons). Run through ops/chaos.
            """,
        subcommands: [FeedCommand.self, HostileCommand.self, FlattenCommand.self, CheckCommand.self])
}
