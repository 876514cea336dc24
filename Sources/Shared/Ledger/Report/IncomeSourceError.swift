/// The exchange's income history could not be read.
package struct IncomeSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What could not be read, without credentials.
    package var message: String

    package init(_ message: String) {
        self.message = message
    }

    package var description: String { "cannot read the exchange's income history: \(message)" }
}
