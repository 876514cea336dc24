/// Byte-level, ASCII-only case-insensitive matching for machine-written identifiers (reason
/// codes, actions, plan sources): A–Z and a–z compare equal, every other byte (UTF-8 included)
/// only to itself. Unlike `lowercased()` + `contains`, it allocates nothing and does not fold
/// non-ASCII letters (the Kelvin sign does not match `k`), which these identifiers never hold.
package enum ASCIICaseInsensitive {
    /// True when `needle` (ASCII) occurs in `text`.
    package static func contains(_ text: String?, _ needle: StaticString) -> Bool {
        guard var text else { return false }
        return text.withUTF8 { haystack in
            needle.withUTF8Buffer { pattern in
                guard pattern.count <= haystack.count else { return false }
                if pattern.isEmpty { return true }
                for start in 0...(haystack.count - pattern.count) where matches(haystack, at: start, pattern) {
                    return true
                }
                return false
            }
        }
    }

    /// True when `text` begins with `prefix` (ASCII).
    package static func hasPrefix(_ text: String?, _ prefix: StaticString) -> Bool {
        guard var text else { return false }
        return text.withUTF8 { bytes in
            prefix.withUTF8Buffer { pattern in pattern.count <= bytes.count && matches(bytes, at: 0, pattern) }
        }
    }

    /// True when `text` equals `other` (ASCII).
    package static func equals(_ text: String?, _ other: StaticString) -> Bool {
        guard var text else { return other.utf8CodeUnitCount == 0 }
        return text.withUTF8 { bytes in
            other.withUTF8Buffer { pattern in pattern.count == bytes.count && matches(bytes, at: 0, pattern) }
        }
    }

    private static func matches(
        _ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ pattern: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        for offset in 0..<pattern.count where folded(bytes[start + offset]) != folded(pattern[offset]) {
            return false
        }
        return true
    }

    private static func folded(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
