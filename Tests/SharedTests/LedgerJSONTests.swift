import Foundation
import Testing

@testable import Shared

/// The ledger's hand-written JSON object encoder, checked against Foundation's parser.
@Suite("Ledger fields JSON encoder")
struct LedgerJSONTests {
    /// Parses `text` with JSONSerialization as a `[String: String]`.
    func parsed(_ text: String) throws -> [String: String] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: String], "not an object of strings: \(text)")
    }

    static let tricky: [String] = [
        "", "plain", "quote \" inside", "back\\slash", "\\\"", "\"\\\"\\", "new\nline", "cr\rlf\n", "tab\t",
        "\u{1}\u{2}\u{7}\u{8}\u{b}\u{c}\u{e}\u{1f}", "\u{7f} del", "é ü ß", "日本語", "emoji 🚀👍🏽", "\u{2028}\u{2029}",
        "{\"nested\": [1, 2]}", "/slash/", "</script>", "\u{FFFD}", "trailing space ",
    ]

    @Test("every tricky value and key parses back to itself", arguments: tricky)
    func trickyTextRoundTrips(text: String) throws {
        let fields = ["k": text, text: "v", "other": "x"]
        #expect(try parsed(LedgerJSON.object(fields)) == fields)
    }

    @Test("all control characters below U+0020 are escaped as \\u00XX (or \\n, \\r, \\t) and parse back")
    func controlCharacters() throws {
        var fields: [String: String] = [:]
        for code in 1..<0x20 {
            let scalar = String(UnicodeScalar(UInt8(code)))
            fields["c\(code)"] = "a\(scalar)b"
        }
        let text = LedgerJSON.object(fields)
        #expect(
            !text.unicodeScalars.contains { $0.value < 0x20 }, "no raw control character in \(text.debugDescription)")
        #expect(text.contains("\\u001f") && text.contains("\\n") && text.contains("\\u0001"))
        #expect(try parsed(text) == fields)
    }

    @Test("NUL becomes U+FFFD in keys and values; keys that then collide keep one value")
    func nulReplaced() throws {
        let text = LedgerJSON.object(["a\u{0}b": "x\u{0}", "plain": "\u{0}"])
        #expect(!text.contains("\\u0000"))
        #expect(try parsed(text) == ["a\u{FFFD}b": "x\u{FFFD}", "plain": "\u{FFFD}"])
        let collided = try parsed(LedgerJSON.object(["k\u{0}": "1", "k\u{FFFD}": "2"]))
        #expect(collided.count == 1)
        #expect(collided["k\u{FFFD}"] == "1" || collided["k\u{FFFD}"] == "2")
        #expect(
            LedgerJSON.object(["k\u{0}": "1", "k\u{FFFD}": "2"]).components(separatedBy: "k\u{FFFD}").count == 2,
            "the key is written once")
    }

    @Test("an empty dictionary is {}; a result's ~25 fields parse back; LedgerStore.json uses the encoder")
    func resultSizedObjects() throws {
        #expect(LedgerJSON.object([:]) == "{}")
        var fields: [String: String] = [:]
        for n in 0..<25 { fields["field_\(n)"] = "value \(n) \"q\" \\ \(n * 7919)" }
        fields["steps_results"] = #"[{"step":"close","status":"FILLED","executed_qty":"0.5"}]"#
        #expect(try parsed(LedgerJSON.object(fields)) == fields)
        #expect(try parsed(LedgerStore.json(fields)) == fields)
    }

    @Test("random strings of any Unicode scalars round-trip", arguments: 0..<20)
    func randomStrings(seed: Int) throws {
        var generator = SplitMix(seed: UInt64(seed) &+ 0x9E37_79B9)
        var fields: [String: String] = [:]
        for _ in 0..<10 {
            fields[randomText(&generator)] = randomText(&generator)
        }
        let expected = Dictionary(
            fields.map {
                (
                    $0.key.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}"),
                    $0.value.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
                )
            },
            uniquingKeysWith: { first, _ in first })
        let result = try parsed(LedgerJSON.object(fields))
        #expect(Set(result.keys) == Set(expected.keys))
        for (key, value) in result where !fields.keys.contains(where: { $0.contains("\u{0}") }) {
            #expect(expected[key] == value)
        }
    }

    func randomText(_ generator: inout SplitMix) -> String {
        let length = Int(generator.next() % 12)
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length {
            let pick = generator.next() % 4
            let value: UInt32 =
                switch pick {
                case 0: UInt32(generator.next() % 0x20)  // control, NUL included
                case 1: [0x22, 0x5C, 0x2F, 0x7F][Int(generator.next() % 4)]
                case 2: UInt32(0x20 + generator.next() % 0x5F)
                default: UInt32(0xA0 + generator.next() % 0x1_0000)
                }
            if let scalar = UnicodeScalar(value) { scalars.append(scalar) }
        }
        return String(scalars)
    }
}
