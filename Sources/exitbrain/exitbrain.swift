import ArgumentParser

/// exitbrain: the exit decision (kill score K, R-multiple harvest ladder, profit-lock stop).
@main
struct ExitBrain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exitbrain",
        abstract: "Computes the kill score K and the R-multiple harvest ladder, and publishes exit plans.",
        discussion: """
            exitbrain reads positions from the exchange (the truth) and market data, computes the \
            original Python kernel's kill score K (regime flip, volatility spike, trend-strength drop, \
            age) and harvest ladder, and publishes exit plans to quantum:stream:apply.plan.

            Check a decision by hand with `exitbrain evaluate case.json` and a price series with \
            `exitbrain marketstate closes.json`.
            """,
        subcommands: [RunCommand.self, EvaluateCommand.self, MarketStateCommand.self, CompareCommand.self]
    )
}
