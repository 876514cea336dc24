import Foundation

extension Decimal {
    /// Parses a decimal string as a client sends it ("0.01", Python's "5.0", "1e-05"),
    /// never through binary floating point. Returns nil for anything else.
    init?(exchangeString text: String) {
        // Digits, sign, point and exponent only: nothing to trim, and no locale to build.
        let plain = !text.isEmpty && text.utf8.allSatisfy(Self.isNumberByte)
        let value: Decimal?
        if plain {
            value = Decimal(string: text)
        } else {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || ".-+eE".contains($0)) }) else {
                return nil
            }
            value = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
        }
        guard let value, !value.isNaN else { return nil }
        self = value
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"),
            UInt8(ascii: "e"), UInt8(ascii: "E"):
            true
        default: false
        }
    }

    /// This value rounded to a multiple of `step` (`.down` floors toward zero for positives).
    func rounded(toMultipleOf step: Decimal, _ mode: RoundingMode = .plain) -> Decimal {
        guard step > 0 else { return self }
        // A power of ten (every tick and step size listed): the same rounding without dividing.
        if step.significand == 1 { return rounded(scale: -step.exponent, mode) }
        return (self / step).rounded(scale: 0, mode) * step
    }

    /// Whether this value is an exact multiple of `step`.
    func isMultiple(of step: Decimal) -> Bool {
        guard step > 0 else { return true }
        if step.significand == 1 { return self == rounded(scale: -step.exponent, .down) }
        let ratio = self / step
        return ratio == ratio.rounded(scale: 0, .down)
    }

    /// Number of fraction digits a step such as 0.001 (3) or 1 (0) implies (at most 18).
    var fractionDigits: Int {
        if isZero { return 0 }
        if let integer = integerSignificand {
            var mantissa = integer
            var exponent = self.exponent
            while exponent < 0, mantissa % 10 == 0, mantissa != 0 {
                mantissa /= 10
                exponent += 1
            }
            return mantissa == 0 ? 0 : min(max(0, -exponent), 18)
        }
        var digits = 0
        var value = self
        while value != value.rounded(scale: 0, .down), digits < 18 {
            value *= 10
            digits += 1
        }
        return digits
    }

    /// Plain text with exactly `scale` fraction digits, no exponent: 0.01 → "0.010" at scale 3.
    /// Rounds half away from zero; never prints "-0" (``Decimal/fixedText(scale:)``, shared with
    /// the client's order texts).
    func plain(scale: Int) -> String { fixedText(scale: scale) }

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
