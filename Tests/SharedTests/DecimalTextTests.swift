import Foundation
import Testing

@testable import Shared

/// ``Decimal/plainDescription`` and ``Decimal/fixedText(scale:)`` write the daemons' and
/// paperexchange's decimal texts without `description`'s division loop; they must give the same
/// bytes as the Foundation path they replace.
@Suite("Decimal text from the integer significand")
struct DecimalTextTests {
    /// Parsed values and values computed the way the order path computes them (products and
    /// quotients are not compacted, and 1/3 has a 38-digit significand).
    static func values() -> [Decimal] {
        var values = EssentialsReplacementTests.samples()
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<2000 {
            let a = Decimal(Int(generator.next() % 2_000_000) - 1_000_000) / Decimal(1000)
            let b = Decimal(Int(generator.next() % 9_999) + 1) / Decimal(100)
            values += [a * b, a / b, a - b, a * Decimal(string: "0.0004")!, (a * b).rounded(scale: 2)]
        }
        values += [
            Decimal(sign: .plus, exponent: 5, significand: 12), Decimal(sign: .minus, exponent: -7, significand: 5),
            Decimal(UInt64.max), Decimal(UInt64.max) * 10, -Decimal(UInt64.max) / 1000, .nan,
        ]
        return values
    }

    @Test func plainDescriptionIsDescription() {
        var mismatches: [String] = []
        for value in Self.values() where value.plainDescription != value.description {
            mismatches.append("\(value.description) → \(value.plainDescription)")
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    /// What the text was before: `NSDecimalRound` `.plain`, `description`, padded (never `-0`).
    static func reference(_ value: Decimal, scale: Int) -> String {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, scale, .plain)
        var text = rounded.isZero ? "0" : rounded.description
        guard scale > 0 else { return text }
        let digits = text.firstIndex(of: ".").map { text.distance(from: text.index(after: $0), to: text.endIndex) } ?? 0
        if !text.contains(".") { text += "." }
        return text + String(repeating: "0", count: scale - digits)
    }

    @Test func fixedTextRoundsHalfAwayFromZeroAndPads() {
        var mismatches: [String] = []
        for value in Self.values() where !value.isNaN {
            for scale in [0, 1, 2, 3, 5, 8, 12]
            where value.fixedText(scale: scale) != Self.reference(value, scale: scale) {
                mismatches.append(
                    "\(value) scale \(scale): \(value.fixedText(scale: scale)) != \(Self.reference(value, scale: scale))"
                )
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
        #expect(Decimal(string: "0.01")!.fixedText(scale: 3) == "0.010")
        #expect(Decimal(string: "-0.0004")!.fixedText(scale: 3) == "0.000")
        #expect(Decimal(string: "2.5")!.fixedText(scale: 0) == "3")
        #expect(Decimal(string: "-2.5")!.fixedText(scale: 0) == "-3")
    }
}
