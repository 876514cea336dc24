/// The JSON object text of a result's fields, for the ledger's `jsonb` column.
///
/// Hand-written because Foundation's `JSONSerialization` cost most of harvestbrain's CPU
/// (bench/RESULTS.md): keys are written in the dictionary's order (`jsonb` keeps no order);
/// `"` and `\` are backslash-escaped, control characters below U+0020 become `\u00XX` (with the
/// short forms `\n`, `\r`, `\t`), everything else is written as UTF-8. U+0000 is replaced by U+FFFD
/// (`jsonb` rejects `\u0000`); two keys that become equal that way keep one value.
enum LedgerJSON {
    /// `{"key":"value",…}`.
    static func object(_ fields: [String: String]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fields.reduce(2) { $0 + $1.key.utf8.count + $1.value.utf8.count + 6 })
        bytes.append(UInt8(ascii: "{"))
        var seen: Set<String>?
        var first = true
        for (key, value) in fields {
            // 0xEF leads U+FFFD's UTF-8 (and other characters: the rare slow path checks exactly).
            if key.utf8.contains(where: { $0 == 0 || $0 == 0xEF }) {
                // Rare: a NUL in a key may collide with another key once replaced; keep the first.
                let cleaned = LedgerStore.storable(key)
                var keys = seen ?? []
                guard keys.insert(cleaned).inserted else { continue }
                seen = keys
            }
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            append(key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            append(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// Appends `text` as a JSON string literal.
    static func append(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            // Runs of bytes that need no escape are copied whole.
            var run = 0
            for (index, byte) in utf8.enumerated()
            where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index]))
                run = index + 1
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    bytes.append(UInt8(ascii: "\\"))
                    bytes.append(byte)
                case 0:
                    bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFD
                case UInt8(ascii: "\n"):
                    bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"):
                    bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case UInt8(ascii: "\t"):
                    bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                default:
                    bytes.append(contentsOf: [
                        UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                        hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
                    ])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
