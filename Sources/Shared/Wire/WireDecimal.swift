import FoundationEssentials

/// Decimal text on the wire: quantities, prices and PnL.
///
/// Written as plain decimal text with no exponent and no trailing zeros (`0.001`, `12345.6`,
/// `-0.5`, `0`), which Python's `float()` reads. Read tolerantly: plain text, Python
/// `str(float)` output such as `33892.56058295204`, `1e-05` or `0.0`, with optional sign and
/// surrounding whitespace; `nan`, `inf` and empty text are errors.
package enum WireDecimal {
    /// Longest numeric text accepted; a Python float repr is at most 24 characters.
    package static let maximumTextLength = 64
    /// Magnitudes above this are rejected as absurd for any quantity or price.
    package static let absurdMagnitude = Decimal(sign: .plus, exponent: 15, significand: 1)
    /// Magnitudes below this read as 0 (float noise such as `3.5e-19`, or `1e-100`, whose plain
    /// text would be longer than ``maximumTextLength`` and could not be read back).
    package static let negligibleMagnitude = Decimal(sign: .plus, exponent: -18, significand: 1)

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// `value` as plain decimal text, e.g. `Decimal(string: "0.0010")` → `0.001`.
    ///
    /// - Important: A NaN `Decimal` formats as `NaN`; decoders never produce one.
    package static func format(_ value: Decimal) -> String {
        if value.isNaN { return "NaN" }
        if value.isZero { return "0" }
        var text = value.plainDescription
        if text.contains("e") || text.contains("E") {
            // Defensive: expand an exponent form should a Foundation version produce one.
            text = expand(text)
        }
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// Parses decimal text; `field` names the field in the error.
    package static func parse(_ text: String, field: String) throws(WireError) -> Decimal {
        if let literal = PlainLiteral(text) { return literal.decimal }
        return try parseAny(text, field: field)
    }

    /// ``parse(_:field:)`` for any literal it accepts (``PlainLiteral`` is the quick way for the common ones).
    private static func parseAny(_ text: String, field: String) throws(WireError) -> Decimal {
        let trimmed = text.wireTrimmed
        if trimmed.isEmpty { throw WireError(field: field, code: .empty) }
        if trimmed.utf8.count > maximumTextLength {
            throw WireError(field: field, code: .tooLong, detail: WireError.excerpt(trimmed))
        }
        guard isDecimalLiteral(trimmed) else {
            throw WireError(field: field, code: .notANumber, detail: WireError.excerpt(trimmed))
        }
        guard let value = Decimal(string: trimmed, locale: posix),
            !value.isNaN
        else {
            throw WireError(field: field, code: .outOfRange, detail: WireError.excerpt(trimmed))
        }
        if !value.isZero, abs(value) < negligibleMagnitude { return 0 }
        return value
    }

    /// Parses a quantity or price: finite, not negative, not absurd.
    package static func parseNonNegative(_ text: String, field: String) throws(WireError) -> Decimal {
        if let literal = PlainLiteral(text) {
            guard !literal.isNegative else { throw negative(text, field: field) }
            return literal.decimal
        }
        let value = try parseAny(text, field: field)
        if value < 0 { throw negative(text, field: field) }
        if value > absurdMagnitude {
            throw WireError(field: field, code: .outOfRange, detail: "absurd \(WireError.excerpt(text))")
        }
        return value
    }

    /// Parses a signed amount (PnL): finite and not absurd in magnitude.
    package static func parseSigned(_ text: String, field: String) throws(WireError) -> Decimal {
        if let literal = PlainLiteral(text) { return literal.decimal }
        let value = try parseAny(text, field: field)
        if value > absurdMagnitude || value < -absurdMagnitude {
            throw WireError(field: field, code: .outOfRange, detail: "absurd \(WireError.excerpt(text))")
        }
        return value
    }

    private static func negative(_ text: String, field: String) -> WireError {
        WireError(field: field, code: .outOfRange, detail: "negative \(WireError.excerpt(text))")
    }

    /// Python-`float()`-compatible literal without `nan`/`inf`: `[+-]digits[.digits][e[+-]digits]`,
    /// where either side of the point may be empty but not both.
    static func isDecimalLiteral(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            bytes = bytes.dropFirst()
        }
        let intDigits = bytes.prefix(while: isDigit)
        bytes = bytes.dropFirst(intDigits.count)
        var fracCount = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            let frac = bytes.prefix(while: isDigit)
            fracCount = frac.count
            bytes = bytes.dropFirst(fracCount)
        }
        if intDigits.isEmpty && fracCount == 0 { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                bytes = bytes.dropFirst()
            }
            let expDigits = bytes.prefix(while: isDigit)
            if expDigits.isEmpty { return false }
            bytes = bytes.dropFirst(expDigits.count)
        }
        return bytes.isEmpty
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Expands `[-]d.ddde[+-]n` into plain decimal text.
    private static func expand(_ text: String) -> String {
        let parts = text.lowercased().split(separator: "e", maxSplits: 1)
        guard parts.count == 2, let exponent = Int(parts[1]) else { return text }
        var mantissa = String(parts[0])
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa.removeFirst() }
        let pieces = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(pieces[0])
        let fracPart = pieces.count > 1 ? String(pieces[1]) : ""
        let digits = intPart + fracPart
        let point = intPart.count + exponent
        var result: String
        if point <= 0 {
            result = "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            result = digits + String(repeating: "0", count: point - digits.count)
        } else {
            let index = digits.index(digits.startIndex, offsetBy: point)
            result = digits[..<index] + "." + digits[index...]
        }
        while result.count > 1 && result.hasPrefix("0") && !result.hasPrefix("0.") { result.removeFirst() }
        return negative ? "-" + result : result
    }
}
