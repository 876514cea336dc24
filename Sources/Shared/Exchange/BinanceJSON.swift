import FoundationEssentials

/// A parsed JSON value that keeps every number as the exact text it arrived as.
///
/// Binance sends money as strings ("0.010") but ids and times as JSON numbers that may not fit a
/// `Double` exactly; keeping the literal lets ``decimal`` and ``int64`` convert without ever
/// passing through binary floating point.
package enum BinanceJSON: Sendable, Equatable {
    case object([String: BinanceJSON])
    case array([BinanceJSON])
    case string(String)
    /// A JSON number, as its literal text (e.g. `"8886774"`, `"1.5e3"`).
    case number(String)
    case bool(Bool)
    case null

    /// Parses `bytes` as one JSON document.
    package static func parse(_ bytes: [UInt8]) throws(ExchangeError) -> BinanceJSON {
        var parser = BinanceJSONParser(bytes: bytes)
        do {
            return try parser.document()
        } catch {
            throw ExchangeError(.decoding, message: "invalid JSON at byte \(parser.position)")
        }
    }

    /// Parses a UTF-8 string (tests and fixtures).
    package static func parse(_ text: String) throws(ExchangeError) -> BinanceJSON {
        try parse(Array(text.utf8))
    }

    /// The member `key` of an object, or nil.
    package subscript(key: String) -> BinanceJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The elements of an array, or nil.
    package var arrayValue: [BinanceJSON]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// A string, or a number's literal text.
    package var stringValue: String? {
        switch self {
        case .string(let text), .number(let text): return text
        default: return nil
        }
    }

    /// An exact decimal from a decimal string or a JSON number literal; nil for anything else.
    package var decimal: Decimal? {
        stringValue.flatMap(DecimalText.parse)
    }

    /// An integer from a JSON integer or an integer string.
    package var int64: Int64? {
        stringValue.flatMap { Int64($0) }
    }

    /// A boolean from `true`/`false` or the strings "true"/"false".
    package var bool: Bool? {
        switch self {
        case .bool(let value): return value
        case .string("true"): return true
        case .string("false"): return false
        default: return nil
        }
    }
}
