/// Builds and signs Binance query strings exactly as they go on the wire (reference §2).
///
/// Parameters are form-encoded in the order given (unreserved characters `A–Z a–z 0–9 - _ . ~`
/// kept, every other byte as `%XX`), `recvWindow` and `timestamp` are appended, and the
/// HMAC-SHA256 hex of that exact string is appended last as `signature`. Everything goes in the
/// query string and the body stays empty, so the bytes signed are the bytes after `?`.
package struct BinanceRequestSigner: Sendable {
    private let secret: APISecret

    package init(secret: APISecret) {
        self.secret = secret
    }

    /// The lowercase hex HMAC-SHA256 of `query` concatenated with `body` (no `&` between).
    package func signature(query: String, body: String = "") -> String {
        secret.withValue { Digest.hmacSHA256Hex(key: $0, message: query + body) }
    }

    /// `params` plus `recvWindow` (when given) and `timestamp`, encoded, with `signature` last.
    package func signedQuery(_ params: [(String, String)], timestamp: Int64, recvWindow: Int?) -> String {
        var all = params
        if let recvWindow { all.append(("recvWindow", String(recvWindow))) }
        all.append(("timestamp", String(timestamp)))
        let query = Self.encode(all)
        return query + "&signature=" + signature(query: query)
    }

    /// `name=value` pairs joined by `&`, both percent-encoded.
    package static func encode(_ params: [(String, String)]) -> String {
        params.map { percentEncode($0.0) + "=" + percentEncode($0.1) }.joined(separator: "&")
    }

    /// Percent-encodes every byte of `text`'s UTF-8 except the RFC 3986 unreserved characters.
    package static func percentEncode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
