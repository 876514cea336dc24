import FoundationEssentials

/// Exact conversions between decimal text and `Decimal`, for prices and quantities on the wire.
///
/// `Decimal(string:)` alone is lenient (it reads "1.5x" as 1.5); ``parse(_:)`` accepts only a
/// complete JSON-style number, so a malformed field is reported instead of half-read.
package enum DecimalText {
    /// The exact value of `text` (`-?digits[.digits][e±digits]`), or nil if it is not one.
    package static func parse(_ text: String) -> Decimal? {
        guard isNumber(Array(text.utf8)) else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Number of digits after the point in the shortest form of `value` ("0.00100000" → 3).
    package static func scale(of value: Decimal) -> Int {
        let text = plain(value)
        guard let dot = text.firstIndex(of: ".") else { return 0 }
        return text.distance(from: text.index(after: dot), to: text.endIndex)
    }

    /// `value` as plain digits with exactly `scale` fraction digits (rounded half-up first if it
    /// has more); never an exponent. `format(0.01, scale: 3)` is "0.010".
    package static func format(_ value: Decimal, scale: Int) -> String {
        value.fixedText(scale: scale)
    }

    /// `value` in its shortest plain form ("0.01", "57", "-0.5").
    package static func plain(_ value: Decimal) -> String {
        if value.isZero { return "0" }
        return value.plainDescription
    }

    private static func isNumber(_ bytes: [UInt8]) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digits() > 0 else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }
}
