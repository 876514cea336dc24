import Foundation

/// A request's parameters as Binance reads them: from the query string and from an
/// `application/x-www-form-urlencoded` body (a JSON content type is ignored; an empty body is
/// fine). On a name in both, the query string wins. Also keeps the raw bytes for the signature.
struct RequestParameters: Sendable {
    var method: String
    var path: String
    /// The query string exactly as received (still percent-encoded).
    var rawQuery: String
    /// The body exactly as received, when it is form data; "" otherwise.
    var rawBody: String
    var values: [String: String]
    var apiKey: String?

    init(method: String, path: String, rawQuery: String, body: String, apiKey: String?) {
        self.method = method
        self.path = path
        self.rawQuery = rawQuery
        rawBody = Self.looksLikeJSON(body) ? "" : body
        self.apiKey = apiKey
        var values: [String: String] = [:]
        for (name, value) in Self.pairs(rawBody) { values[name] = value }
        for (name, value) in Self.pairs(rawQuery) { values[name] = value }
        self.values = values
    }

    /// The decoded value of `name`, or nil when absent or empty.
    func string(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    /// An integer parameter; a malformed one is `-1102`.
    func int64(_ name: String) throws(ExchangeRejection) -> Int64? {
        guard let text = string(name) else { return nil }
        guard let value = Int64(text) else { throw .mandatory(name) }
        return value
    }

    /// A boolean parameter ("true", any case); absent is false.
    func bool(_ name: String) -> Bool { string(name)?.lowercased() == "true" }

    /// The signature the client sent, if any.
    var signature: String? { string("signature") }

    /// What Binance signs: the query string concatenated with the body (no `&` between them),
    /// each with its `signature=` parameter removed.
    var signedPayload: String {
        Self.removingSignature(rawQuery) + Self.removingSignature(rawBody)
    }

    private static func removingSignature(_ raw: String) -> String {
        guard raw.utf8.allSatisfy({ $0 < 0x80 }) else {
            guard raw.contains("signature=") else { return raw }
            return raw.split(separator: "&", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("signature=") }
                .joined(separator: "&")
        }
        // ASCII (every signed request in practice): the same split, filter and join on bytes.
        var kept: [UInt8] = []
        var removed = false
        var first = true
        for component in raw.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false) {
            if component.starts(with: signaturePrefix) {
                removed = true
                continue
            }
            if !first { kept.append(UInt8(ascii: "&")) }
            kept.append(contentsOf: component)
            first = false
        }
        return removed ? String(decoding: kept, as: UTF8.self) : raw
    }

    private static let signaturePrefix = Array("signature=".utf8)

    /// Whether a body is JSON (its first non-blank character is `{` or `[`), which Binance
    /// does not read parameters from.
    private static func looksLikeJSON(_ body: String) -> Bool {
        var bytes = body.utf8.makeIterator()
        guard let first = bytes.next() else { return false }
        let opens = first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        if first > 0x20, first < 0x7F, !opens { return false }
        // "{" or "[" followed by ASCII is that character alone (not the start of a longer grapheme).
        if opens, (bytes.next() ?? 0) < 0x80 { return true }
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.hasPrefix("{") || trimmed.hasPrefix("[")
    }

    /// Decoded name/value pairs of a form-encoded string (`+` is a space).
    static func pairs(_ raw: String) -> [(String, String)] {
        guard raw.utf8.allSatisfy({ $0 < 0x80 }) else { return characterPairs(raw) }
        // ASCII: split on bytes, which for ASCII splits exactly where Characters split.
        var result: [(String, String)] = []
        for component in raw.utf8.split(separator: UInt8(ascii: "&")) {
            let equals = component.firstIndex(of: UInt8(ascii: "="))
            let name = decode(String(Substring(component[..<(equals ?? component.endIndex)])))
            guard !name.isEmpty else { continue }
            let value = equals.map { decode(String(Substring(component[component.index(after: $0)...]))) } ?? ""
            result.append((name, value))
        }
        return result
    }

    /// ``pairs(_:)`` on Characters (text with non-ASCII characters).
    private static func characterPairs(_ raw: String) -> [(String, String)] {
        raw.split(separator: "&").compactMap { component in
            let parts = component.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts.first.map({ decode(String($0)) }), !name.isEmpty else { return nil }
            return (name, parts.count > 1 ? decode(String(parts[1])) : "")
        }
    }

    /// `+` → space, then `%XX` decoded; a malformed escape or decoded bytes that are not UTF-8 leave
    /// the text as it was (with `+` as space). The same as Foundation's `removingPercentEncoding`
    /// except on invalid UTF-8 (which Foundation sometimes answered with U+FFFD). Byte-level: Foundation's string methods were ≈ 7 % of
    /// paperexchange's CPU per request (bench/RESULTS.md).
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return text }
        var utf8 = Array(text.utf8)
        for index in utf8.indices where utf8[index] == UInt8(ascii: "+") { utf8[index] = UInt8(ascii: " ") }
        let spaced = String(decoding: utf8, as: UTF8.self)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                index += 1
                continue
            }
            guard index + 2 < utf8.count, let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2])
            else { return spaced }
            bytes.append(high << 4 | low)
            index += 3
        }
        return String(validating: bytes, as: UTF8.self) ?? spaced
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
