import Foundation
import Testing

@testable import Shared

/// The daemons link only FoundationEssentials; these helpers replace what they used from
/// Foundation. Each is checked here against the Foundation function it replaces (the tests may
/// link Foundation).
@Suite("FoundationEssentials replacements agree with Foundation")
struct EssentialsReplacementTests {
    /// Decimals of every shape the order path and the ledger see: prices, quantities, ratios
    /// with 38 digits (1/3), negatives, halves, large and tiny magnitudes.
    static func samples() -> [Decimal] {
        var generator = SeededGenerator(seed: 20261207)
        var values: [Decimal] = [
            "0", "1", "-1", "0.5", "-0.5", "1.5", "2.5", "-2.5", "0.005", "0.015", "-0.0049999",
            "123456789.123456789", "99999.99999", "0.00000001", "-0.000000015",
            "12345678901234567890123456789012345678", "1e30", "1e-30",
        ].map { Decimal(string: $0)! }
        values += [
            Decimal(1) / Decimal(3), Decimal(-2) / Decimal(3), Decimal(10) / Decimal(7),
            Decimal(string: "0.1")! / Decimal(3),
        ]
        for _ in 0..<3000 {
            let digits = Int(generator.next() % 20) + 1
            var text = String(generator.next() % 1_000_000_000_000_000_000)
            text = String(text.prefix(digits))
            let point = Int(generator.next() % UInt64(text.count + 8))
            if point < text.count {
                text.insert(".", at: text.index(text.startIndex, offsetBy: point))
            } else {
                text = "0." + String(repeating: "0", count: point - text.count) + text
            }
            if generator.next() % 2 == 0 { text = "-" + text }
            values.append(Decimal(string: text)!)
        }
        return values
    }

    @Test func roundingMatchesNSDecimalRoundInEveryModeAndScale() {
        let modes: [(Decimal.RoundingMode, NSDecimalNumber.RoundingMode)] = [
            (.plain, .plain), (.down, .down), (.up, .up), (.bankers, .bankers),
        ]
        var mismatches: [String] = []
        for value in Self.samples() {
            for scale in [-2, 0, 1, 2, 3, 6, 8, 12, 18] {
                for (ours, theirs) in modes {
                    var input = value
                    var expected = Decimal()
                    NSDecimalRound(&expected, &input, scale, theirs)
                    let got = value.rounded(scale: scale, ours)
                    if got != expected || got.description != expected.description {
                        mismatches.append("\(value) scale \(scale) \(ours): \(got) != \(expected)")
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test func integerSignificandIsExactOrAbsent() {
        for value in Self.samples() {
            let significand = value.significand
            let viaText = UInt64(significand.description)
            #expect(value.integerSignificand == viaText, "\(value)")
        }
        #expect(Decimal.nan.integerSignificand == nil)
    }

    @Test func cFormatMatchesStringFormat() {
        for value in [0.0, -0.0, 1.5, 2.5, 0.7119699587849092, -123.456789, 1e-7, 1e21, 12345.6789e10] {
            for format in ["%.1f", "%.2f", "%.6f", "%.6g", "%.0f", "%.4f"] {
                #expect(CFormat.string(format, value) == String(format: format, value), "\(format) \(value)")
            }
        }
        #expect(CFormat.string("%04d-%02d-%02dT%02d:%06d", 2026, 2, 3, 4, 123) == "2026-02-03T04:000123")
        #expect(CFormat.string("\\u%04x", UInt32(0x1f)) == "\\u001f")
        let long = CFormat.string("%0300d", 7)
        #expect(long.count == 300 && long.hasSuffix("7"), "longer than the first buffer")
    }

    @Test func civilTimeAgreesWithTheGregorianCalendarInUTC() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<2000 {
            let seconds = Int64(generator.next() % 8_000_000_000) - 1_000_000_000
            let time = CivilTime(epochSeconds: seconds)
            let parts = calendar.dateComponents(
                [.year, .month, .day, .hour, .minute, .second],
                from: Date(timeIntervalSince1970: Double(seconds)))
            #expect(
                [time.year, time.month, time.day, time.hour, time.minute, time.second]
                    == [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second].map { $0 ?? -1 })
            #expect(time.epochSeconds == seconds)
        }
        #expect(CivilTime(year: 2026, month: 2, day: 30).epochSeconds == nil, "February 30th is not a date")
        #expect(CivilTime(year: 2024, month: 2, day: 29).epochSeconds == 1_709_164_800)
        #expect(CivilTime(year: 2026, month: 13, day: 1).epochSeconds == nil)
    }

    @Test func trimmingAndPaddingMatchFoundation() {
        for text in ["", "  ", " a ", "\ta b\t", " x\n", "\u{00A0}y\u{2003}", "keep", "\n z \n"] {
            #expect(text.trimmingSpaces == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
        #expect("/0/".trimming("/") == "0")
        #expect("//".trimming("/") == "")
        for text in ["", "abc", "abcdefghijkl", "BTCUSDT"] {
            #expect(text.padded(to: 8) == text.padding(toLength: 8, withPad: " ", startingAt: 0))
        }
    }
}
