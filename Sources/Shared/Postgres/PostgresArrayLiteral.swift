/// Builds a one-dimensional PostgreSQL array literal (`{"a","b",NULL}`) to pass a whole column of
/// values as one text parameter, e.g. `unnest($1::text[], $2::numeric[])`.
///
/// Every element is double-quoted, with `"` and `\` escaped by a backslash, so any text (commas,
/// braces, spaces, the word `NULL`) survives `array_in` unchanged; `nil` is the unquoted SQL
/// `NULL`. PostgreSQL text cannot hold U+0000, so NUL is written as U+FFFD (as the ledger stores
/// it elsewhere). The element type comes from the cast in the SQL: numbers, booleans (`true` /
/// `false`) and timestamps are passed in their text form.
package enum PostgresArrayLiteral {
    /// `{"e1","e2",NULL,…}`; `{}` for no elements.
    package static func encode(_ elements: some Sequence<String?>) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        var first = true
        for element in elements {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            guard let element else {
                bytes.append(contentsOf: "NULL".utf8)
                continue
            }
            bytes.append(UInt8(ascii: "\""))
            let utf8 = element.utf8
            if utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0 }) {
                for byte in utf8 {
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                        bytes.append(UInt8(ascii: "\\"))
                        bytes.append(byte)
                    case 0:
                        bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFD
                    default:
                        bytes.append(byte)
                    }
                }
            } else {
                bytes.append(contentsOf: utf8)
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The literal of non-optional elements.
    package static func encode(_ elements: some Sequence<String>) -> String {
        encode(elements.lazy.map { Optional($0) })
    }
}
