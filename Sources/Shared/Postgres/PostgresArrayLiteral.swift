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
            var text = element
            text.withUTF8 { utf8 in
                // Runs of bytes that need no escape are copied whole.
                var run = 0
                for (index, byte) in utf8.enumerated()
                where byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0 {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index]))
                    run = index + 1
                    if byte == 0 {
                        bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFD
                    } else {
                        bytes.append(UInt8(ascii: "\\"))
                        bytes.append(byte)
                    }
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
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
