/// How one libFuzzer input is cut into what the decoders take: a mode byte, then either a raw
/// text/body or a Redis-style field map.
///
/// Field maps: the bytes after the mode byte are split at every `0x00`; the pieces alternate
/// name, value (a trailing name gets an empty value). Each piece becomes a `String` the way
/// `RedisReply.string` makes one (`String(decoding:as: UTF8.self)`, invalid bytes replaced),
/// and the pairs become a dictionary the way `WireFields(pairs:)` does (last value wins), so
/// non-UTF-8 bytes, control characters and huge values reach the decoders as on the stream.
enum FuzzFraming {
    /// The input's first byte, and the rest.
    static func split(_ bytes: [UInt8]) -> (mode: UInt8, rest: ArraySlice<UInt8>) {
        guard let first = bytes.first else { return (0, []) }
        return (first, bytes.dropFirst())
    }

    /// Field/value pairs from `0x00`-separated pieces.
    static func pairs(_ bytes: ArraySlice<UInt8>) -> [(String, String)] {
        let pieces = bytes.split(separator: 0, omittingEmptySubsequences: false)
        var pairs: [(String, String)] = []
        pairs.reserveCapacity(pieces.count / 2 + 1)
        var index = 0
        while index < pieces.count {
            let name = String(decoding: pieces[index], as: UTF8.self)
            let value = index + 1 < pieces.count ? String(decoding: pieces[index + 1], as: UTF8.self) : ""
            pairs.append((name, value))
            index += 2
        }
        return pairs
    }

    /// The bytes as text, invalid UTF-8 replaced.
    static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Fails the run (libFuzzer records the input) when an invariant does not hold.
    static func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("fuzz invariant: \(message())") }
    }
}
