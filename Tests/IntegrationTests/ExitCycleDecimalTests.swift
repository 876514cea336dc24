import Foundation
import Testing

@testable import Shared

/// exitbrain reads exchange decimals (mark, entry, amount, PnL, stop) as doubles without
/// formatting them as text; the result must be the text path's, bit for bit.
@Suite("exitbrain decimal → double")
struct ExitCycleDecimalTests {
    @Test("the fast conversion equals Double(\"\\(decimal)\") bit for bit over 50,000 seeded decimals of every shape")
    func fastEqualsText() {
        var generator = SeededDigits(seed: 42)
        var fastPathTaken = 0
        for round in 0..<50_000 {
            let digits = 1 + generator.next(30)
            var text = String((0..<digits).map { _ in Character(String(generator.next(10))) })
            text.insert(".", at: text.index(text.startIndex, offsetBy: generator.next(digits + 1)))
            if round % 2 == 1 { text = "-" + text }
            guard let value = Decimal(string: text) else { continue }
            let expected = Double("\(value)") ?? 0
            #expect(ExitEvaluator.double(value).bitPattern == expected.bitPattern, "\(text)")
            if digits <= 15 { fastPathTaken += 1 }
        }
        #expect(fastPathTaken > 10_000, "short decimals (the fast path) were covered")
    }

    @Test("exchange-shaped values, zero, large exponents and long significands")
    func edgeCases() {
        let texts = [
            "0", "0.00000000", "1", "-1", "100.5", "49.8", "0.1", "0.3", "2.675", "1e22", "1e23", "1e-22", "1e-23",
            "9007199254740993", "9007199254740992.5", "123456789012345678901234567890", "-0.00000001",
            "67432.10000000", "0.00001234", "1844674407370955161.5",
        ]
        for text in texts {
            let value = Decimal(string: text)!
            #expect(ExitEvaluator.double(value).bitPattern == (Double("\(value)") ?? 0).bitPattern, "\(text)")
        }
    }
}

/// A small seeded generator (SplitMix64) so failures reproduce.
private struct SeededDigits {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
