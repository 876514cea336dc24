import FoundationEssentials

/// The field/value pairs of one stream message or hash, read by wire name.
///
/// Writers produce ordered pairs (`[(String, String)]`, see ``WirePairs``); readers get a
/// dictionary (`XREADGROUP` and `HGETALL` replies turned into one, a repeated field's last value
/// winning). Accessors treat an empty value like an absent one for optional fields, and throw
/// ``WireError`` naming the field for anything malformed.
package struct WireFields: Sendable, Equatable {
    /// Longest value accepted in any field (JSON lists included); longer ones are ``WireError/Code/tooLong``.
    package static let maximumValueLength = 65_536

    /// The raw values by wire name.
    package var values: [String: String]

    package init(_ values: [String: String]) {
        self.values = values
    }

    /// From ordered pairs; when a field repeats, the last value wins.
    package init(pairs: [(String, String)]) {
        self.values = Dictionary(pairs, uniquingKeysWith: { _, last in last })
    }

    /// The raw value, `nil` when absent.
    package subscript(_ name: String) -> String? { values[name] }

    /// The trimmed value, `nil` when absent or empty; ``WireError/Code/tooLong`` past the limit.
    package func text(_ name: String, maximumLength: Int = maximumValueLength) throws(WireError) -> String? {
        guard let raw = values[name] else { return nil }
        if raw.utf8.count > maximumLength {
            throw WireError(field: name, code: .tooLong, detail: WireError.excerpt(raw))
        }
        let trimmed = raw.wireTrimmed
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The trimmed value; ``WireError/Code/missing`` or ``WireError/Code/empty`` when there is none.
    package func requiredText(_ name: String, maximumLength: Int = maximumValueLength) throws(WireError) -> String {
        guard values[name] != nil else { throw .missing(name) }
        guard let value = try text(name, maximumLength: maximumLength) else {
            throw WireError(field: name, code: .empty)
        }
        return value
    }

    /// An optional non-negative decimal (quantity, price); empty and `None` read as absent.
    package func nonNegativeDecimal(_ name: String) throws(WireError) -> Decimal? {
        guard let text = try numericText(name) else { return nil }
        return try WireDecimal.parseNonNegative(text, field: name)
    }

    /// An optional signed decimal (PnL); empty and `None` read as absent.
    package func signedDecimal(_ name: String) throws(WireError) -> Decimal? {
        guard let text = try numericText(name) else { return nil }
        return try WireDecimal.parseSigned(text, field: name)
    }

    /// An optional score; empty and `None` read as absent.
    package func double(_ name: String) throws(WireError) -> Double? {
        guard let text = try numericText(name) else { return nil }
        return try WireFloat.parse(text, field: name)
    }

    /// An optional boolean (any case, `1/0`, `yes/no`); empty reads as absent.
    package func bool(_ name: String) throws(WireError) -> Bool? {
        guard let text = try text(name, maximumLength: 16) else { return nil }
        return try WireBool.parse(text, field: name)
    }

    /// A required timestamp, in epoch seconds.
    package func requiredTimestamp(_ name: String) throws(WireError) -> Double {
        let text = try requiredText(name, maximumLength: WireDecimal.maximumTextLength)
        return try WireTimestamp.parseSeconds(text, field: name)
    }

    /// An optional timestamp, in epoch seconds; empty reads as absent.
    package func timestamp(_ name: String) throws(WireError) -> Double? {
        guard let text = try numericText(name) else { return nil }
        return try WireTimestamp.parseSeconds(text, field: name)
    }

    /// A comma-joined list (`reason_codes`), empty entries dropped.
    package func list(_ name: String) throws(WireError) -> [String] {
        guard let text = try text(name) else { return [] }
        return text.split(separator: ",").map { String($0).wireTrimmed }.filter { !$0.isEmpty }
    }

    /// A JSON value (`steps`, `steps_results`, `details`); absent or empty reads as `nil`.
    package func json(_ name: String) throws(WireError) -> WireJSON? {
        guard let text = try text(name) else { return nil }
        do {
            return try WireJSON.parse(text)
        } catch {
            throw WireError(field: name, code: .notValidJSON, detail: error.reason)
        }
    }

    /// Text of a numeric field, `nil` when absent, empty or Python's `None`.
    private func numericText(_ name: String) throws(WireError) -> String? {
        guard let raw = values[name] else { return nil }
        if raw.utf8.count > WireDecimal.maximumTextLength {
            throw WireError(field: name, code: .tooLong, detail: WireError.excerpt(raw))
        }
        let trimmed = raw.wireTrimmed
        return trimmed.isEmpty || trimmed == "None" ? nil : trimmed
    }
}

/// Ordered field/value pairs, as written to a stream (`XADD`) or hash (`HSET`).
package typealias WirePairs = [(String, String)]

extension WireFields {
    /// Characters allowed in a plan id besides ASCII letters and digits.
    private static let planIDPunctuation: Set<Character> = [":", "_", "-"]

    /// A required plan id: 1–64 characters of `[A-Za-z0-9:_-]`.
    package func planID(_ name: String = "plan_id") throws(WireError) -> String {
        let value = try requiredText(name)
        // ASCII letters, digits and the punctuation are one character per byte: the checks below on bytes.
        if value.utf8.count <= 64, value.utf8.allSatisfy(Self.isPlanIDByte) { return value }
        guard value.count <= 64 else { throw WireError(field: name, code: .tooLong, detail: WireError.excerpt(value)) }
        guard value.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || Self.planIDPunctuation.contains($0) })
        else { throw WireError(field: name, code: .invalidFormat, detail: WireError.excerpt(value)) }
        return value
    }

    /// A required symbol: 1–32 upper-case ASCII letters and digits, e.g. `BTCUSDT`, `1000PEPEUSDT`.
    package func symbol(_ name: String = "symbol") throws(WireError) -> String {
        let value = try requiredText(name)
        if value.utf8.count <= 32, value.utf8.allSatisfy(Self.isSymbolByte) { return value }
        guard value.count <= 32 else { throw WireError(field: name, code: .tooLong, detail: WireError.excerpt(value)) }
        guard value.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) })
        else { throw WireError(field: name, code: .invalidFormat, detail: WireError.excerpt(value)) }
        return value
    }
}

extension WireFields {
    /// `[A-Za-z0-9:_-]`, as a byte.
    private static func isPlanIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: ":"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    /// `[A-Z0-9]`, as a byte.
    private static func isSymbolByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: false
        }
    }
}

extension Array where Element == (String, String) {
    /// Appends `name` = `value` when `value` is not `nil`.
    mutating func appendIfPresent(_ name: String, _ value: String?) {
        if let value { append((name, value)) }
    }
}
