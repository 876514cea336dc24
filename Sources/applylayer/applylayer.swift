import ArgumentParser

/// applylayer: executes entry and close plans exactly once, sized from the live exchange position.
@main
struct ApplyLayer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "applylayer",
        abstract:
            "Executes entry and close plans from quantum:stream:apply.plan exactly once, sized from the live exchange position.",
        discussion: """
            applylayer consumes quantum:stream:apply.plan in group apply_layer_entry, applies the entry gates, \
            sends MARKET orders (reduce-only for closes) with a client order id derived from the plan id, and \
            writes one result per plan to quantum:stream:apply.result. `applylayer run` is the daemon; \
            `applylayer propose` publishes a plan by hand; `applylayer status` shows positions and results.
            """,
        subcommands: [RunCommand.self, ProposeCommand.self, StatusCommand.self]
    )
}
