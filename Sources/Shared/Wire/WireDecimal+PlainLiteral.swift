import FoundationEssentials

extension WireDecimal {
    /// A plain decimal literal read without Foundation's parser: `[+-]digits[.digits]` with at most
    /// 19 significant digits, a non-zero value whose magnitude is between 10^-16 and 10^15 (so
    /// neither the negligible nor the absurd rule of ``parse(_:field:)`` can apply).
    ///
    /// What applylayer and the Python services write (`0.001`, `100800.4`, `-0.0202`) is read
    /// here, at a tenth of `Decimal(string:)`'s cost plus the comparisons of the range checks;
    /// anything else (exponents, zero, more digits, extreme magnitudes) is `nil` and takes the
    /// general path. The value is the one `Decimal(string:)` gives, bit for bit (compact:
    /// trailing zeros of the significand moved into the exponent); the tests compare the bytes.
    struct PlainLiteral {
        /// True for a leading `-`.
        var isNegative: Bool
        /// The significand without trailing zeros, > 0.
        var significand: UInt64
        /// The power of ten applied to ``significand``.
        var exponent: Int

        /// The literal's value, as `Decimal(string:)` builds it.
        var decimal: Decimal {
            Decimal(sign: isNegative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
        }

        /// Reads `text`; `nil` when it is not such a literal (surrounding whitespace included) or
        /// is longer than ``WireDecimal/maximumTextLength``.
        init?(_ text: String) {
            guard text.utf8.count <= WireDecimal.maximumTextLength else { return nil }
            var text = text
            guard let literal = text.withUTF8({ Self(bytes: $0) }) else { return nil }
            self = literal
        }

        private init?(bytes: UnsafeBufferPointer<UInt8>) {
            var index = 0
            isNegative = false
            if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
                isNegative = first == UInt8(ascii: "-")
                index = 1
            }
            var value: UInt64 = 0
            var significantDigits = 0
            var fractionDigits = 0
            var digits = 0
            var sawPoint = false
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: ".") {
                    guard !sawPoint else { return nil }
                    sawPoint = true
                    continue
                }
                let digit = byte &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                digits += 1
                if sawPoint { fractionDigits += 1 }
                if value == 0 && digit == 0 { continue }
                significantDigits += 1
                guard significantDigits <= 19 else { return nil }
                value = value * 10 + UInt64(digit)
            }
            guard digits > 0, value != 0 else { return nil }
            var exponent = -fractionDigits
            while value % 10 == 0 {
                value /= 10
                exponent += 1
            }
            // magnitude in [10^(length+exponent-1), 10^(length+exponent)): keep clear of 10^-18 and 10^15
            var length = 1
            var power: UInt64 = 10
            while length < 20 && value >= power {
                length += 1
                power = power &* 10
            }
            guard length + exponent >= -16, length + exponent <= 15 else { return nil }
            significand = value
            self.exponent = exponent
        }
    }
}
