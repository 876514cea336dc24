/// Why a `qtchaos` subcommand could not do its job (not a failed check: those are table rows).
struct ChaosFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
