import FoundationEssentials

extension BinanceJSON {
    /// The required member `key` as text (string or number literal).
    func string(_ key: String) throws(ExchangeError) -> String {
        guard let value = self[key]?.stringValue else { throw Self.missing(key) }
        return value
    }

    /// The required member `key` as an exact decimal.
    func decimal(_ key: String) throws(ExchangeError) -> Decimal {
        guard let value = self[key]?.decimal else { throw Self.missing(key) }
        return value
    }

    /// The member `key` as a decimal, nil when absent, null or empty; malformed text throws.
    func optionalDecimal(_ key: String) throws(ExchangeError) -> Decimal? {
        guard let member = self[key], member != .null, let text = member.stringValue, !text.isEmpty else { return nil }
        guard let value = DecimalText.parse(text) else { throw Self.missing(key) }
        return value
    }

    /// The required member `key` as a 64-bit integer.
    func int64(_ key: String) throws(ExchangeError) -> Int64 {
        guard let value = self[key]?.int64 else { throw Self.missing(key) }
        return value
    }

    /// The member `key` as a boolean, `fallback` when absent.
    func bool(_ key: String, default fallback: Bool) -> Bool {
        self[key]?.bool ?? fallback
    }

    /// The required member `key` as an order side.
    func side(_ key: String) throws(ExchangeError) -> OrderSide {
        guard let value = OrderSide(rawValue: try string(key)) else { throw Self.missing(key) }
        return value
    }

    /// Every element of this array, or a decoding error when this is not an array.
    func elements() throws(ExchangeError) -> [BinanceJSON] {
        guard let elements = arrayValue else {
            throw ExchangeError(.decoding, message: "expected a JSON array")
        }
        return elements
    }

    private static func missing(_ key: String) -> ExchangeError {
        ExchangeError(.decoding, message: "missing or malformed field '\(key)'")
    }
}
