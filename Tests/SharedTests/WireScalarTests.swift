import Foundation
import Testing

@testable import Shared

/// Scalar encodings of wire.md: Python float repr, plain decimals, booleans, timestamps, JSON lists.
@Suite("Wire scalars")
struct WireScalarTests {
    /// Expected strings produced by Python 3 (`repr(struct.unpack('>d', bytes.fromhex(bits))[0])`).
    static let pythonRepr: [(bits: UInt64, repr: String)] = [
        (0x3fe6_c875_3916_e6a1, "0.7119699587849092"), (0x4023_851e_b851_eb85, "9.76"),
        (0x0000_0000_0000_0000, "0.0"), (0x3ff0_0000_0000_0000, "1.0"), (0x3ee4_f8b5_88e3_68f1, "1e-05"),
        (0x4341_c379_37e0_8000, "1e+16"), (0x8000_0000_0000_0000, "-0.0"), (0x7ff0_0000_0000_0000, "inf"),
        (0x7ff8_0000_0000_0000, "nan"), (0x3fd3_3333_3333_3334, "0.30000000000000004"),
        (0x430c_6bf5_2634_0000, "1000000000000000.0"), (0x3f1a_36e2_eb1c_432d, "0.0001"),
        (0x437b_69b4_ba63_0f35, "1.2345678901234568e+17"), (0x0000_0000_0000_0001, "5e-324"),
        (0x7fef_ffff_ffff_ffff, "1.7976931348623157e+308"), (0x4049_1333_3333_3333, "50.15"),
        (0x4049_1333_3333_3332, "50.14999999999999"), (0x4059_1333_3333_3332, "100.29999999999998"),
        (0x3fce_ec8d_5c74_751c, "0.24159399999999998"), (0x3fa5_5555_5555_5555, "0.041666666666666664"),
        (0xc004_0000_0000_0000, "-2.5"), (0x4480_f0cf_064d_d592, "1e+22"), (0x3e7a_d7f2_9abc_af48, "1e-07"),
        (0x40e0_8c91_f04b_a8b7, "33892.56058295204"), (0x41da_6085_b462_617c, "1770133201.5372"),
        (0x4340_0000_0000_0000, "9007199254740992.0"), (0x3fd5_5555_5555_5555, "0.3333333333333333"),
        (0xbddb_7cdf_d9d7_bdbb, "-1e-10"), (0x40c8_1ccc_cccc_cccd, "12345.6"), (0x4059_0000_0000_0000, "100.0"),
    ]

    @Test("repr matches Python's repr for known doubles")
    func reprMatchesPython() {
        for (bits, expected) in Self.pythonRepr {
            #expect(WireFloat.repr(Double(bitPattern: bits)) == expected, "bits \(String(bits, radix: 16))")
        }
        #expect(WireFloat.repr(-.infinity) == "-inf")
        #expect(WireFloat.repr(-.nan) == "nan")
    }

    @Test("repr text parses back to the same double")
    func reprRoundTrips() throws {
        for (bits, text) in Self.pythonRepr where !["inf", "nan"].contains(text) {
            #expect(try WireFloat.parse(text, field: "x").bitPattern == bits)
        }
    }

    @Test("fixed formatting rounds the exact binary value like Python's %f")
    func fixedMatchesPython() {
        #expect(WireFloat.fixed(0.7119699587849092, decimals: 6) == "0.711970")
        #expect(WireFloat.fixed(0.0096708, decimals: 8) == "0.00967080")
        #expect(WireFloat.fixed(0.1925805, decimals: 6) == "0.192580")
        #expect(WireFloat.fixed(-1e-12, decimals: 8) == "-0.00000000")
    }

    @Test("decimals format as plain text without exponent or trailing zeros")
    func decimalFormatting() throws {
        let table: [(String, String)] = [
            ("0.0010", "0.001"), ("12345.60", "12345.6"), ("0", "0"), ("0.0", "0"), ("-0", "0"),
            ("-0.5", "-0.5"), ("1e-05", "0.00001"), ("1e20", "100000000000000000000"), ("100.0", "100"),
            ("33892.56058295204", "33892.56058295204"), ("2351.835", "2351.835"),
        ]
        for (input, expected) in table {
            let value = try #require(Decimal(string: input))
            #expect(WireDecimal.format(value) == expected, "\(input)")
        }
        #expect(WireDecimal.format(Decimal(sign: .plus, exponent: -2, significand: 110)) == "1.1")
        #expect(WireDecimal.format(Decimal(1) / Decimal(1000)) == "0.001")
    }

    @Test("decimal parsing accepts Python float text exactly")
    func decimalParsing() throws {
        #expect(try WireDecimal.parse("33892.56058295204", field: "qty") == Decimal(string: "33892.56058295204"))
        #expect(try WireDecimal.parse("1e-05", field: "qty") == Decimal(string: "0.00001"))
        #expect(try WireDecimal.parse(" 0.0 ", field: "qty") == 0)
        #expect(try WireDecimal.parse("+.5", field: "qty") == Decimal(string: "0.5"))
        #expect(try WireDecimal.parse("5.", field: "qty") == 5)
        #expect(try WireDecimal.parseSigned("-12.5", field: "realized_pnl") == Decimal(string: "-12.5"))
    }

    @Test(
        "decimal parsing rejects nan, inf, empty, garbage, negatives and absurd values",
        arguments: [
            ("nan", WireError.Code.notANumber), ("NaN", .notANumber), ("inf", .notANumber), ("-Infinity", .notANumber),
            ("", .empty), ("  ", .empty), ("abc", .notANumber), ("1.2.3", .notANumber), ("12abc", .notANumber),
            ("0x10", .notANumber), ("1e", .notANumber), ("-1", .outOfRange), ("1e16", .outOfRange),
            ("1e300", .outOfRange), ("1\u{FFFD}", .notANumber), (String(repeating: "9", count: 100), .tooLong),
        ])
    func decimalRejects(input: String, code: WireError.Code) {
        let error = #expect(throws: WireError.self) { try WireDecimal.parseNonNegative(input, field: "qty") }
        #expect(error?.field == "qty")
        #expect(error?.code == code)
    }

    @Test("booleans read in any spelling and write per stream")
    func booleans() throws {
        for text in ["True", "true", "TRUE", "1", "yes", "Y", "on"] { #expect(try WireBool.parse(text, field: "b")) }
        for text in ["False", "false", "0", "no", "OFF", "n"] { #expect(try !WireBool.parse(text, field: "b")) }
        let error = #expect(throws: WireError.self) { try WireBool.parse("maybe", field: "executed") }
        #expect(error?.field == "executed")
        #expect(error?.code == .unknownValue)
        #expect(WireBool.resultText(true) == "True" && WireBool.resultText(false) == "False")
        #expect(WireBool.planText(true) == "true" && WireBool.planText(false) == "false")
    }

    @Test("timestamps read seconds, float seconds and milliseconds, and write integer seconds")
    func timestamps() throws {
        #expect(try WireTimestamp.parseSeconds("1770133359", field: "timestamp") == 1_770_133_359)
        #expect(try WireTimestamp.parseSeconds("1770133201.5372", field: "timestamp") == 1_770_133_201.5372)
        #expect(try WireTimestamp.parseSeconds("1770133359123", field: "timestamp") == 1_770_133_359.123)
        #expect(WireTimestamp.text(seconds: 1_770_133_201.9) == "1770133201")
        #expect(WireTimestamp.text(Date(timeIntervalSince1970: 1_770_133_359.5)) == "1770133359")
        for bad in ["-5", "abc", "1e20", "nan"] {
            let error = #expect(throws: WireError.self) { try WireTimestamp.parseSeconds(bad, field: "timestamp") }
            #expect(error?.field == "timestamp")
        }
    }

    @Test("JSON lists serialise with Python's separators and keep number text")
    func jsonLists() throws {
        let text = #"[{"step": "CLOSE_FULL", "type": "market_reduce_only", "side": "close", "pct": 100.0}]"#
        let json = try WireJSON.parse(text)
        #expect(json.serialized == text)
        #expect(
            try WireJSON.parse(#"{"a":[1,2.50,"x\u00e9\n"],"b":null,"c":true}"#).serialized
                == #"{"a": [1, 2.50, "x\u00e9\n"], "b": null, "c": true}"#)
        #expect(try WireJSON.parse(#""\ud83d\ude00""#) == .string("😀"))
        for bad in ["[", "{\"a\" 1}", "[1,]", "nul", "NaN", "[1] x", String(repeating: "[", count: 100)] {
            #expect(throws: WireJSON.SyntaxError.self) { try WireJSON.parse(bad) }
        }
    }

    @Test("pairs read as a dictionary where a repeated field's last value wins")
    func pairsToFields() throws {
        let fields = WireFields(pairs: [("qty", "1"), ("side", "BUY"), ("qty", "2"), ("note", " ")])
        #expect(fields.values == ["qty": "2", "side": "BUY", "note": " "])
        #expect(try fields.nonNegativeDecimal("qty") == 2 && fields.text("note") == nil)
        #expect(try fields.list("missing").isEmpty && fields.bool("missing") == nil)
    }

    @Test("errors name the field and truncate long values")
    func errorDescription() {
        let error = WireError(
            field: "qty", code: .notANumber, detail: WireError.excerpt(String(repeating: "x", count: 1_000_000)))
        #expect(error.description.hasPrefix("qty: not_a_number"))
        #expect(error.description.count < 120)
    }
}
