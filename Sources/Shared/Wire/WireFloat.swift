import FoundationEssentials

/// Double text exactly as Python writes and reads it: scores (`kill_score`, `k_*`, `R_net`).
///
/// `repr` gives the shortest text that round-trips (`0.7119699587849092`, `9.76`, `1e-05`),
/// laid out by Python's rules: positional when the decimal exponent is in `-4 ..< 16`, otherwise
/// `d[.ddd]e±XX`; integral values keep `.0`; `inf`, `-inf`, `nan`.
package enum WireFloat {
    /// Python's `repr(value)` (also `str(value)`, identical since Python 3.2).
    package static func repr(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let (negative, digits, pointPosition) = shortestDigits(value)
        let sign = negative ? "-" : ""
        // Python (format_float_short, repr mode): exponent form when decpt <= -4 or decpt > 16.
        if pointPosition <= -4 || pointPosition > 16 {
            let exponent = pointPosition - 1
            let head = digits.prefix(1)
            let tail = digits.dropFirst()
            let mantissa = tail.isEmpty ? String(head) : "\(head).\(tail)"
            let exponentSign = exponent < 0 ? "-" : "+"
            let magnitude = abs(exponent)
            let exponentText = magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
            return "\(sign)\(mantissa)e\(exponentSign)\(exponentText)"
        }
        if pointPosition <= 0 {
            return sign + "0." + String(repeating: "0", count: -pointPosition) + digits
        }
        if pointPosition >= digits.count {
            return sign + digits + String(repeating: "0", count: pointPosition - digits.count) + ".0"
        }
        let index = digits.index(digits.startIndex, offsetBy: pointPosition)
        return sign + digits[..<index] + "." + digits[index...]
    }

    /// Python's `'%.6f' % value` (correctly rounded from the binary value, as glibc's printf).
    package static func fixed(_ value: Double, decimals: Int) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return CFormat.string("%.\(decimals)f", value)
    }

    /// Python's `float(text)` for finite values: surrounding whitespace allowed; `nan`/`inf`,
    /// empty and non-numeric text are errors naming `field`.
    package static func parse(_ text: String, field: String) throws(WireError) -> Double {
        let trimmed = text.wireTrimmed
        if trimmed.isEmpty { throw WireError(field: field, code: .empty) }
        if trimmed.utf8.count > WireDecimal.maximumTextLength {
            throw WireError(field: field, code: .tooLong, detail: WireError.excerpt(trimmed))
        }
        guard WireDecimal.isDecimalLiteral(trimmed), let value = Double(trimmed) else {
            throw WireError(field: field, code: .notANumber, detail: WireError.excerpt(trimmed))
        }
        guard value.isFinite else {
            throw WireError(field: field, code: .outOfRange, detail: WireError.excerpt(trimmed))
        }
        return value
    }

    /// Sign, shortest round-trip significant digits (no leading/trailing zeros, `"0"` for zero)
    /// and the decimal point position relative to the first digit (Python's `decpt`).
    ///
    /// Swift's `description` already yields the shortest round-trip digits; only its layout
    /// differs from Python's, so the digits are taken from it and re-laid out.
    static func shortestDigits(_ value: Double) -> (negative: Bool, digits: String, pointPosition: Int) {
        var text = value.description
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        var exponent = 0
        if let eIndex = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: eIndex)...]) ?? 0
            text = String(text[..<eIndex])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(parts[0])
        let fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = intPart + fracPart
        var pointPosition = intPart.count + exponent
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        if digits == "0" { return (negative, "0", 1) }
        return (negative, digits, pointPosition)
    }
}
