import FoundationEssentials

/// Exact conversions between PostgreSQL `NUMERIC` text and `Decimal` for the ledger's reports.
package enum LedgerDecimal {
    /// The exact value of a `NUMERIC` column; SQL NULL reads as `nil`.
    package static func parse(_ text: String?, column: String) throws(PostgresError) -> Decimal? {
        guard let text else { return nil }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN else {
            throw .unexpected("column \(column) is not a number: \(text)")
        }
        return value
    }

    /// Like ``parse(_:column:)`` but SQL NULL reads as zero (sums over no rows).
    package static func parseOrZero(_ text: String?, column: String) throws(PostgresError) -> Decimal {
        try parse(text, column: column) ?? 0
    }

    /// `value` rounded half-up to `scale` fraction digits.
    package static func rounded(_ value: Decimal, scale: Int) -> Decimal {
        value.rounded(scale: scale, .plain)
    }

    /// Plain decimal text without an exponent or trailing zeros: `12.5`, `-0.25`, `0`.
    package static func text(_ value: Decimal) -> String {
        if value.isZero { return "0" }
        return value.description
    }

    /// Plain text with exactly `scale` fraction digits, for aligned tables: `12.50`.
    package static func fixed(_ value: Decimal, scale: Int) -> String {
        let rounded = rounded(value, scale: scale)
        var text = Self.text(rounded)
        guard scale > 0 else { return text }
        let digits = text.firstIndex(of: ".").map { text.distance(from: text.index(after: $0), to: text.endIndex) }
        if digits == nil { text += "." }
        text += String(repeating: "0", count: max(0, scale - (digits ?? 0)))
        return text
    }

    /// An approximation for drawing (chart coordinates only, never money arithmetic).
    package static func double(_ value: Decimal) -> Double {
        Double(value.description) ?? 0
    }
}
