/// Kernel input (a case, parameters or closes given as JSON) that is missing or malformed.
///
/// The message names the field by its JSON path (e.g. `cases[3].position.entry_price`) and says
/// why it was rejected; `exitbrain evaluate` and `exitbrain marketstate` print it on stderr.
package struct KernelInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// JSON path of the field at fault; empty for the document as a whole.
    package var field: String
    /// Why it was rejected, e.g. `expected a number, got a string`.
    package var reason: String

    package init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    package var description: String {
        field.isEmpty ? "invalid input: \(reason)" : "invalid input at \(field): \(reason)"
    }
}
