/// A JSON value as it appears inside wire fields (`steps`, `steps_results`, `details`).
///
/// Numbers keep their source text, so `0.001` stays exactly `0.001` on its way to a `Decimal`
/// and `73028792` stays an integer id. Objects keep their key order. Serialisation follows
/// Python's `json.dumps` defaults (`", "` and `": "` separators, non-ASCII escaped as `\uXXXX`),
/// so lists we write read the same as the Python services' own.
package indirect enum WireJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's literal text, e.g. `100.0`, `-2022`, `1e-05`.
    case number(String)
    case string(String)
    case array([WireJSON])
    case object([(String, WireJSON)])

    /// Why a text is not JSON (an internal error; decoders turn it into ``WireError``).
    package struct SyntaxError: Error, Sendable, Equatable {
        package var reason: String
    }

    /// Deepest nesting accepted, so hostile input cannot exhaust the stack.
    package static let maximumDepth = 32

    /// The member named `key` of an object, `nil` otherwise.
    package subscript(key: String) -> WireJSON? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.0 == key })?.1
    }

    /// Scalars as the text a wire field would hold: strings as-is, numbers as written,
    /// booleans `true`/`false`; `nil` for null, arrays and objects.
    package var scalarText: String? {
        switch self {
        case .string(let text), .number(let text): text
        case .bool(let value): value ? "true" : "false"
        case .null, .array, .object: nil
        }
    }

    package static func == (lhs: WireJSON, rhs: WireJSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)), (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// Serialised as Python's `json.dumps` would.
    package var serialized: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let text): out += text
        case .string(let text): Self.writeString(text, to: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += ", " }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out += ", " }
                Self.writeString(key, to: &out)
                out += ": "
                value.write(to: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let hex = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        out += "\""
    }
}

extension WireJSON {
    /// Parses JSON text (RFC 8259; Python's `NaN`/`Infinity` extensions are rejected).
    package static func parse(_ text: String) throws(SyntaxError) -> WireJSON {
        var parser = Parser(bytes: Array(text.utf8))
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.failure("trailing characters") }
        return value
    }

    /// A recursive-descent parser over UTF-8 bytes, depth-limited by ``WireJSON/maximumDepth``.
    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        func failure(_ reason: String) -> SyntaxError {
            SyntaxError(reason: "\(reason) at offset \(index)")
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws(SyntaxError) -> WireJSON {
            guard depth <= WireJSON.maximumDepth else { throw failure("nesting too deep") }
            guard index < bytes.count else { throw failure("unexpected end") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return .number(try number())
            }
        }

        mutating func literal(_ word: String) throws(SyntaxError) {
            let expected = Array(word.utf8)
            guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected
            else { throw failure("invalid literal") }
            index += expected.count
        }

        mutating func number() throws(SyntaxError) -> String {
            let start = index
            scan: while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                    UInt8(ascii: "e"), UInt8(ascii: "E"):
                    index += 1
                default: break scan
                }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard !text.hasPrefix("+"), !text.hasPrefix("."), WireDecimal.isDecimalLiteral(text) else {
                index = start
                throw failure("invalid value")
            }
            return text
        }

        mutating func string() throws(SyntaxError) -> String {
            index += 1
            // Most strings have no escape: their bytes are the text (decoded as the loop below would).
            var end = index
            while end < bytes.count, bytes[end] >= 0x20, bytes[end] != UInt8(ascii: "\""),
                bytes[end] != UInt8(ascii: "\\")
            {
                end += 1
            }
            if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
                defer { index = end + 1 }
                return String(decoding: bytes[index..<end], as: UTF8.self)
            }
            var units: [UInt16] = []
            var run: [UInt8] = []
            func flush() {
                units.append(contentsOf: String(decoding: run, as: UTF8.self).utf16)
                run.removeAll(keepingCapacity: true)
            }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    flush()
                    return String(decoding: units, as: UTF16.self)
                case UInt8(ascii: "\\"):
                    flush()
                    guard index < bytes.count else { throw failure("unterminated escape") }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""): units.append(0x22)
                    case UInt8(ascii: "\\"): units.append(0x5C)
                    case UInt8(ascii: "/"): units.append(0x2F)
                    case UInt8(ascii: "b"): units.append(0x08)
                    case UInt8(ascii: "f"): units.append(0x0C)
                    case UInt8(ascii: "n"): units.append(0x0A)
                    case UInt8(ascii: "r"): units.append(0x0D)
                    case UInt8(ascii: "t"): units.append(0x09)
                    case UInt8(ascii: "u"):
                        guard index + 4 <= bytes.count,
                            let unit = UInt16(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
                        else { throw failure("invalid \\u escape") }
                        index += 4
                        units.append(unit)
                    default: throw failure("invalid escape")
                    }
                case 0x00..<0x20: throw failure("control character in string")
                default: run.append(byte)
                }
            }
            throw failure("unterminated string")
        }

        mutating func array(depth: Int) throws(SyntaxError) -> WireJSON {
            index += 1
            var items: [WireJSON] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            while true {
                skipWhitespace()
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw failure("unterminated array") }
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "]") { return .array(items) }
                guard byte == UInt8(ascii: ",") else { throw failure("expected , or ]") }
            }
        }

        mutating func object(depth: Int) throws(SyntaxError) -> WireJSON {
            index += 1
            var members: [(String, WireJSON)] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected key") }
                let key = try string()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected :") }
                index += 1
                skipWhitespace()
                members.append((key, try value(depth: depth + 1)))
                skipWhitespace()
                guard index < bytes.count else { throw failure("unterminated object") }
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "}") { return .object(members) }
                guard byte == UInt8(ascii: ",") else { throw failure("expected , or }") }
            }
        }
    }
}
