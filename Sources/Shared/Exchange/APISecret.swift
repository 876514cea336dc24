/// An API secret that cannot be printed by accident.
///
/// `description`, `debugDescription`, string interpolation, `dump` and `Mirror` all show
/// `<redacted>`; only ``withValue(_:)`` hands the raw text to the signer. The type is not
/// `Codable` and not `Equatable`, so it cannot be serialized or compared into a log either.
package struct APISecret: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    package init(_ value: String) {
        self.value = value
    }

    /// True when no secret was configured.
    package var isEmpty: Bool { value.isEmpty }

    /// Gives the raw secret to `body` (signing only).
    package func withValue<T>(_ body: (String) throws -> T) rethrows -> T {
        try body(value)
    }

    package var description: String { "<redacted>" }
    package var debugDescription: String { "<redacted>" }
    package var customMirror: Mirror { Mirror(self, children: ["value": "<redacted>"]) }
}
