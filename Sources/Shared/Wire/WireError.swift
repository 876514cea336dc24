/// A wire message field that is missing or malformed; names the field and why.
///
/// Every decoder in `Wire` reports a bad message with this error and never traps, so a consumer
/// can dead-letter the message and carry on. `code` is a stable string (see ``Code``); `detail`
/// carries a short, truncated excerpt of the offending value (wire values hold no secrets, and
/// the excerpt is capped so a 1 MB value cannot flood a log line).
package struct WireError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why a field was rejected; `rawValue` is stable and may reach logs, metrics and results.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        package let rawValue: String

        package init(_ rawValue: String) { self.rawValue = rawValue }

        /// The field is absent.
        package static let missing = Code("missing")
        /// The field is present but empty (or only whitespace).
        package static let empty = Code("empty")
        /// The field is not a finite number (also `nan`, `inf`).
        package static let notANumber = Code("not_a_number")
        /// The number is negative, zero where it must be positive, or absurdly large.
        package static let outOfRange = Code("out_of_range")
        /// The field should hold JSON of a given shape and does not.
        package static let notValidJSON = Code("not_valid_json")
        /// The field holds a value outside its enumeration (e.g. a side `UP`).
        package static let unknownValue = Code("unknown_value")
        /// The field is longer than any legitimate value.
        package static let tooLong = Code("too_long")
        /// The text has characters or a form the field does not allow (e.g. a plan id with `/`).
        package static let invalidFormat = Code("invalid_format")
        /// A close plan names no step percentage, no implied percentage and no positive quantity.
        package static let closeQuantityUnspecified = Code("close_qty_unspecified")

        package var description: String { rawValue }
    }

    /// The wire name of the field at fault, e.g. `plan_id`, `qty`, `steps`.
    package var field: String
    /// What is wrong with it.
    package var code: Code
    /// A human-readable explanation, possibly with a truncated excerpt of the value.
    package var detail: String

    package init(field: String, code: Code, detail: String = "") {
        self.field = field
        self.code = code
        self.detail = detail
    }

    package var description: String {
        detail.isEmpty ? "\(field): \(code.rawValue)" : "\(field): \(code.rawValue) (\(detail))"
    }

    /// The field is absent.
    package static func missing(_ field: String) -> WireError {
        WireError(field: field, code: .missing)
    }

    /// A quoted excerpt of `value` of at most `limit` characters, for error details.
    package static func excerpt(_ value: String, limit: Int = 40) -> String {
        let count = value.utf8.count
        if count <= limit { return "\"\(value)\"" }
        return "\"\(value.prefix(limit))…\" (\(count) bytes)"
    }
}
