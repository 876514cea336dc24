/// A command-line value the reports cannot use; the message names the option.
package struct ReportInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The option at fault, e.g. `--since`.
    package var option: String
    /// Why it was rejected.
    package var reason: String

    package init(option: String, reason: String) {
        self.option = option
        self.reason = reason
    }

    package var description: String { "invalid \(option): \(reason)" }
}
