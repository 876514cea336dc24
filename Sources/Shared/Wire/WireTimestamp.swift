import FoundationEssentials

/// Timestamps on the wire: written as integer epoch seconds, read tolerantly.
///
/// Readers accept integer seconds (`1770133359`), float seconds (`1770133201.5372`) and epoch
/// milliseconds (any value above 10^12, e.g. `1770133359123`).
package enum WireTimestamp {
    /// Values above this are epoch milliseconds.
    package static let millisecondsThreshold: Double = 1e12
    /// Values above this (in milliseconds) are absurd.
    package static let absurdMilliseconds: Double = 1e15

    /// Parses a timestamp into epoch seconds.
    package static func parseSeconds(_ text: String, field: String) throws(WireError) -> Double {
        let value = try WireFloat.parse(text, field: field)
        if value < 0 || value > absurdMilliseconds {
            throw WireError(field: field, code: .outOfRange, detail: WireError.excerpt(text))
        }
        return value > millisecondsThreshold ? value / 1000 : value
    }

    /// Parses a timestamp into a `Date`.
    package static func parseDate(_ text: String, field: String) throws(WireError) -> Date {
        Date(timeIntervalSince1970: try parseSeconds(text, field: field))
    }

    /// Integer epoch seconds (truncated), the encoding every writer of this package uses;
    /// `0` for a value that is not finite or does not fit an `Int64` (never traps).
    package static func text(seconds: Double) -> String {
        guard let whole = Int64(exactly: seconds.rounded(.towardZero)) else { return "0" }
        return String(whole)
    }

    /// Integer epoch seconds of `date`.
    package static func text(_ date: Date) -> String {
        text(seconds: date.timeIntervalSince1970)
    }
}
