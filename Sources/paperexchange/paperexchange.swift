import ArgumentParser

/// paperexchange: a local exchange speaking the Binance USDT-M futures REST protocol.
@main
struct PaperExchange: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paperexchange",
        abstract: "A local exchange that speaks the Binance USDT-M futures REST protocol (paper trading).",
        discussion: """
            paperexchange keeps positions, fills MARKET orders at its own simulated prices with fees, \
            enforces the exchange filters and answers with Binance's error codes, so every daemon (and \
            ccxt or Binance's own connector) talks to it exactly as to Binance with only the base URL \
            changed. Start it with `paperexchange run`.
            """,
        subcommands: [RunCommand.self]
    )
}
