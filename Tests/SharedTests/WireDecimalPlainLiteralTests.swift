import Foundation
import Testing

@testable import Shared

/// The quick reading of plain decimal literals gives what the general one (Foundation's parser and
/// the range rules) gives: the same `Decimal` bytes, or the same error.
@Suite("Wire decimals: plain literals")
struct WireDecimalPlainLiteralTests {
    /// What `parse`, `parseNonNegative` and `parseSigned` returned before the quick path: the
    /// general path alone, spelled out.
    enum Kind: CaseIterable { case any, nonNegative, signed }

    static func reference(_ text: String, _ kind: Kind) -> Result<Decimal, WireError> {
        let field = "qty"
        let trimmed = text.wireTrimmed
        if trimmed.isEmpty { return .failure(WireError(field: field, code: .empty)) }
        if trimmed.utf8.count > WireDecimal.maximumTextLength {
            return .failure(WireError(field: field, code: .tooLong, detail: WireError.excerpt(trimmed)))
        }
        guard WireDecimal.isDecimalLiteral(trimmed) else {
            return .failure(WireError(field: field, code: .notANumber, detail: WireError.excerpt(trimmed)))
        }
        guard var value = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN else {
            return .failure(WireError(field: field, code: .outOfRange, detail: WireError.excerpt(trimmed)))
        }
        if !value.isZero, abs(value) < WireDecimal.negligibleMagnitude { value = 0 }
        switch kind {
        case .any: break
        case .nonNegative:
            if value < 0 {
                return .failure(
                    WireError(field: field, code: .outOfRange, detail: "negative \(WireError.excerpt(text))"))
            }
            if value > WireDecimal.absurdMagnitude {
                return .failure(WireError(field: field, code: .outOfRange, detail: "absurd \(WireError.excerpt(text))"))
            }
        case .signed:
            if value > WireDecimal.absurdMagnitude || value < -WireDecimal.absurdMagnitude {
                return .failure(WireError(field: field, code: .outOfRange, detail: "absurd \(WireError.excerpt(text))"))
            }
        }
        return .success(value)
    }

    static func parsed(_ text: String, _ kind: Kind) -> Result<Decimal, WireError> {
        do throws(WireError) {
            switch kind {
            case .any: return .success(try WireDecimal.parse(text, field: "qty"))
            case .nonNegative: return .success(try WireDecimal.parseNonNegative(text, field: "qty"))
            case .signed: return .success(try WireDecimal.parseSigned(text, field: "qty"))
            }
        } catch {
            return .failure(error)
        }
    }

    static func bytes(_ value: Decimal) -> [UInt8] {
        withUnsafeBytes(of: value) { Array($0) }
    }

    static func expectSame(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for kind in Kind.allCases {
            switch (parsed(text, kind), reference(text, kind)) {
            case (.success(let quick), .success(let general)):
                #expect(
                    bytes(quick) == bytes(general), "\(text) \(kind): \(quick) vs \(general)",
                    sourceLocation: sourceLocation)
                #expect(quick.description == general.description, sourceLocation: sourceLocation)
            case (.failure(let quick), .failure(let general)):
                #expect(quick == general, "\(text) \(kind)", sourceLocation: sourceLocation)
            case (let quick, let general):
                Issue.record("\(text) \(kind): \(quick) vs \(general)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test("edge cases: zeros, signs, points, 19 and 20 digits, the negligible and absurd bounds, junk")
    func edgeCases() {
        let cases = [
            "0", "-0", "+0", "0.0", "-0.000", "00", "0.", ".0", ".5", "5.", "+.5", "-.5", ".", "-", "+", "", " ",
            "1.2.3",
            "1e5", "1E-5", "1e", " 1", "1 ", "\t2.5", "0x10", "1_0", "١", "12a", "--1", "+-1", "nan", "inf",
            "0.001", "100800.4", "-0.0202", "0.04032016", "99.999", "10000000", "9999900", "007", "0.10", "1.50", "150",
            "1234567890123456789", "12345678901234567890", "9999999999999999999", "10000000000000000000",
            "18446744073709551615", "18446744073709551616", "0.1234567890123456789", "0.12345678901234567891",
            "999999999999999", "999999999999999.9", "1000000000000000", "1000000000000000.1", "-1000000000000000.1",
            "1000000000000001", "-999999999999999.99", "0.000000000000000001", "0.0000000000000000009",
            "0.0000000000000001", "0.00000000000000001", "0.00000000000000011", "-0.00000000000000001",
            String(repeating: "0", count: 63) + "1", String(repeating: "0", count: 64) + "1",
            "1." + String(repeating: "0", count: 62), "1." + String(repeating: "0", count: 63),
        ]
        for text in cases { Self.expectSame(text) }
    }

    @Test("2,000 random plain literals of 1 to 24 digits, with signs, points, leading and trailing zeros")
    func randomLiterals() {
        var generator = SplitMix(seed: 7)
        for _ in 0..<2_000 {
            let count = Int.random(in: 1...24, using: &generator)
            var digits = (0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) }
            if Bool.random(using: &generator) {
                digits.insert(contentsOf: repeatElement("0", count: Int.random(in: 1...3, using: &generator)), at: 0)
            }
            if Bool.random(using: &generator) {
                digits.append(contentsOf: repeatElement("0", count: Int.random(in: 1...4, using: &generator)))
            }
            var text = String(digits)
            if Int.random(in: 0...3, using: &generator) > 0 {
                let point = text.index(text.startIndex, offsetBy: Int.random(in: 0...text.count, using: &generator))
                text.insert(".", at: point)
            }
            text = ["", "", "-", "+"][Int.random(in: 0...3, using: &generator)] + text
            Self.expectSame(text)
        }
    }
}
