import FoundationEssentials

extension Decimal {
    /// `description`, byte for byte: the significand's digits with the point placed by the
    /// exponent, never an exponent form (`0.001`, `-12.50`, `1200`).
    ///
    /// Values whose significand fits 64 bits (every price, quantity and amount the daemons see)
    /// are written from the integer (``integerSignificand``), about ten times cheaper than
    /// `description`'s division loop; others, and NaN, go through `description`.
    /// `DecimalTextTests` checks both agree over random and computed values.
    package var plainDescription: String {
        guard let integer = integerSignificand, integer != 0 else { return description }
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        var rest = integer
        while rest > 0 {
            digits.append(UInt8(truncatingIfNeeded: rest % 10) &+ UInt8(ascii: "0"))
            rest /= 10
        }
        digits.reverse()
        var text: [UInt8] = []
        text.reserveCapacity(digits.count + 24)
        if sign == .minus { text.append(UInt8(ascii: "-")) }
        let exponent = self.exponent
        if exponent >= 0 {
            text += digits
            text += repeatElement(UInt8(ascii: "0"), count: exponent)
        } else if -exponent >= digits.count {
            text += [UInt8(ascii: "0"), UInt8(ascii: ".")]
            text += repeatElement(UInt8(ascii: "0"), count: -exponent - digits.count)
            text += digits
        } else {
            let point = digits.count + exponent
            text += digits[..<point]
            text.append(UInt8(ascii: "."))
            text += digits[point...]
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Exactly `scale` fraction digits (0 ≤ `scale`), rounded half away from zero first if the
    /// value has more, never an exponent and never `-0`: `0.01` → `0.010` at scale 3, `-0.0004` →
    /// `0.000`.
    ///
    /// The wire texts of exchange quantities and prices (client orders, paperexchange answers).
    package func fixedText(scale: Int) -> String {
        let rounded = self.rounded(scale: scale, .plain)
        var text = rounded.isZero ? "0" : rounded.plainDescription
        if text.hasPrefix("-"), rounded.isZero { text.removeFirst() }
        guard scale > 0 else { return text }
        let fraction = text.utf8.firstIndex(of: UInt8(ascii: ".")).map {
            text.utf8.distance(from: $0, to: text.utf8.endIndex) - 1
        }
        if fraction == nil { text += "." }
        text += String(repeating: "0", count: max(0, scale - (fraction ?? 0)))
        return text
    }
}
