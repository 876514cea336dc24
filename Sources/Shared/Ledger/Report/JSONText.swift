import FoundationEssentials

/// Writes the reports' JSON with keys in a fixed order and decimals as exact strings.
///
/// Foundation's encoders do not keep key order on every platform; reports are read by people
/// too, so the order is the documented one.
package enum JSONText {
    /// A JSON value as the reports use them.
    package indirect enum Value: Sendable {
        case text(String?)
        case decimal(Decimal?)
        case integer(Int)
        case number(Double)
        case bool(Bool)
        case object(Object)
        case array([Value])
    }

    /// An object whose keys keep the order they were given in.
    package struct Object: Sendable {
        package var pairs: [(String, Value)]

        package init(_ pairs: [(String, Value)]) { self.pairs = pairs }
    }

    /// The JSON text of `object`, pretty-printed with two-space indents unless `pretty` is false.
    package static func encode(_ object: Object, pretty: Bool = true) -> String {
        var output = ""
        write(.object(object), pretty: pretty, depth: 0, into: &output)
        return output
    }

    private static func write(_ value: Value, pretty: Bool, depth: Int, into output: inout String) {
        let newline = pretty ? "\n" : ""
        let indent = pretty ? String(repeating: "  ", count: depth + 1) : ""
        let closing = pretty ? String(repeating: "  ", count: depth) : ""
        switch value {
        case .text(let text): output += text.map(quoted) ?? "null"
        case .decimal(let decimal): output += decimal.map { quoted(LedgerDecimal.text($0)) } ?? "null"
        case .integer(let integer): output += String(integer)
        case .number(let number):
            output += number.isFinite ? CFormat.string("%.6g", number) : "null"
        case .bool(let bool): output += bool ? "true" : "false"
        case .object(let object):
            guard !object.pairs.isEmpty else { output += "{}"; return }
            output += "{" + newline
            for (index, (key, element)) in object.pairs.enumerated() {
                output += indent + quoted(key) + (pretty ? ": " : ":")
                write(element, pretty: pretty, depth: depth + 1, into: &output)
                output += (index < object.pairs.count - 1 ? "," : "") + newline
            }
            output += closing + "}"
        case .array(let elements):
            guard !elements.isEmpty else { output += "[]"; return }
            output += "[" + newline
            for (index, element) in elements.enumerated() {
                output += indent
                write(element, pretty: pretty, depth: depth + 1, into: &output)
                output += (index < elements.count - 1 ? "," : "") + newline
            }
            output += closing + "]"
        }
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += CFormat.string("\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
