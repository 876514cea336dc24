import Foundation

extension Decimal {
    /// Parses a decimal string as a client sends it ("0.01", Python's "5.0", "1e-05"),
    /// never through binary floating point. Returns nil for anything else.
    init?(exchangeString text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty,
            trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || ".-+eE".contains($0)) }),
            let value = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX")),
            !value.isNaN
        else { return nil }
        self = value
    }

    /// This value rounded to `scale` fraction digits.
    func rounded(scale: Int, _ mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
        var source = self
        var result = Decimal()
        NSDecimalRound(&result, &source, scale, mode)
        return result
    }

    /// This value rounded to a multiple of `step` (`.down` floors toward zero for positives).
    func rounded(toMultipleOf step: Decimal, _ mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
        guard step > 0 else { return self }
        return (self / step).rounded(scale: 0, mode) * step
    }

    /// Whether this value is an exact multiple of `step`.
    func isMultiple(of step: Decimal) -> Bool {
        guard step > 0 else { return true }
        let ratio = self / step
        return ratio == ratio.rounded(scale: 0, .down)
    }

    /// Number of fraction digits a step such as 0.001 (3) or 1 (0) implies.
    var fractionDigits: Int {
        var digits = 0
        var value = self
        while value != value.rounded(scale: 0, .down), digits < 18 {
            value *= 10
            digits += 1
        }
        return digits
    }

    /// Plain text with exactly `scale` fraction digits, no exponent: 0.01 → "0.010" at scale 3.
    func plain(scale: Int) -> String {
        let value = rounded(scale: scale)
        let negative = value < 0
        var text = (negative ? -value : value).description
        if text.contains("e") || text.contains("E") {
            text = NSDecimalNumber(decimal: negative ? -value : value).stringValue
        }
        var parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 { parts.append("") }
        var fraction = parts[1]
        if fraction.count < scale {
            fraction += String(repeating: "0", count: scale - fraction.count)
        } else if fraction.count > scale {
            fraction = String(fraction.prefix(scale))
        }
        let isZero = value == 0
        let sign = negative && !isZero ? "-" : ""
        return scale > 0 ? "\(sign)\(parts[0]).\(fraction)" : "\(sign)\(parts[0])"
    }

    /// Binance-style trailing-zero-free text ("0.01", "5", "1234.5").
    var compact: String {
        var text = plain(scale: 12)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// The value as a Double, for the price process and metrics only (never the ledger).
    var doubleValue: Double { NSDecimalNumber(decimal: self).doubleValue }
}
