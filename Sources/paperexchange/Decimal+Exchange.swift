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
        if let (mantissa, exponent) = integerParts {
            var mantissa = mantissa
            var exponent = exponent
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
    /// Rounds half away from zero (`NSDecimalRound`'s `.plain`); never prints "-0".
    ///
    /// Values whose significand fits 64 bits (every price, quantity and amount here) are
    /// formatted from their integer significand and exponent; others go through Foundation's
    /// rounding and `description`, as before. Both give the same text (checked over millions
    /// of random values and scales against the Foundation path).
    func plain(scale: Int) -> String {
        integerPlain(scale: scale) ?? foundationPlain(scale: scale)
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

    /// `significand × 10^exponent` with the significand as an integer (the sign apart), or nil
    /// for NaN and significands beyond 64 bits.
    private var integerParts: (mantissa: UInt64, exponent: Int)? {
        guard !isNaN else { return nil }
        if isZero { return (0, 0) }
        let significand = self.significand
        guard significand <= Self.largestMantissa else { return nil }
        return (NSDecimalNumber(decimal: significand).uint64Value, exponent)
    }

    private static let largestMantissa = Decimal(UInt64.max)
    private static let powersOfTen: [UInt64] = (0...19).map { n in (0..<n).reduce(1) { power, _ in power * 10 } }

    /// ``plain(scale:)`` from the integer significand, or nil outside its range.
    private func integerPlain(scale: Int) -> String? {
        guard scale >= 0, scale <= 19, let (mantissa, exponent) = integerParts else { return nil }
        // |value| × 10^scale rounded half away from zero, as an integer.
        var scaled: UInt128
        let shift = exponent + scale
        if shift >= 0 {
            guard shift <= 19 else { return nil }
            scaled = UInt128(mantissa) * UInt128(Self.powersOfTen[shift])
        } else if shift < -19 {
            scaled = 0  // below half a unit of the last digit: mantissa < 2^64 < 5 × 10^19
        } else {
            let divisor = Self.powersOfTen[-shift]
            let (quotient, remainder) = mantissa.quotientAndRemainder(dividingBy: divisor)
            scaled = UInt128(quotient) + (remainder >= divisor - remainder ? 1 : 0)
        }
        var reversed: [UInt8] = []
        reversed.reserveCapacity(42)
        let negative = sign == .minus && scaled != 0
        while scaled > 0 {
            let (quotient, digit) = scaled.quotientAndRemainder(dividingBy: 10)
            reversed.append(UInt8(truncatingIfNeeded: digit) &+ UInt8(ascii: "0"))
            scaled = quotient
        }
        while reversed.count <= scale { reversed.append(UInt8(ascii: "0")) }
        var text: [UInt8] = []
        text.reserveCapacity(reversed.count + 2)
        if negative { text.append(UInt8(ascii: "-")) }
        for index in reversed.indices.reversed() {
            text.append(reversed[index])
            if index == scale, scale > 0 { text.append(UInt8(ascii: ".")) }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// ``plain(scale:)`` through `NSDecimalRound` and `description` (any value).
    private func foundationPlain(scale: Int) -> String {
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
}
