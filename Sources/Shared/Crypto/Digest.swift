import COpenSSL

/// SHA-256 and HMAC-SHA256 over OpenSSL's one-shot calls, as lowercase hex.
///
/// Used for Binance request signatures (client and paperexchange verify the same way),
/// client order ids derived from plan ids, and deterministic exit plan ids.
package enum Digest {
    /// SHA-256 of `message`'s UTF-8 bytes, as 64 lowercase hex characters.
    package static func sha256Hex(_ message: String) -> String {
        sha256Hex(Array(message.utf8))
    }

    /// SHA-256 of `bytes`, as 64 lowercase hex characters.
    package static func sha256Hex(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        bytes.withUnsafeBufferPointer { input in
            _ = SHA256(input.baseAddress, input.count, &digest)
        }
        return hex(digest)
    }

    /// HMAC-SHA256 of `message` keyed by `key` (both UTF-8), as 64 lowercase hex characters.
    package static func hmacSHA256Hex(key: String, message: String) -> String {
        let keyBytes = Array(key.utf8)
        let messageBytes = Array(message.utf8)
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        keyBytes.withUnsafeBufferPointer { k in
            messageBytes.withUnsafeBufferPointer { m in
                _ = HMAC(EVP_sha256(), k.baseAddress, Int32(k.count), m.baseAddress, m.count, &digest, &length)
            }
        }
        return hex(digest.prefix(Int(length)))
    }

    /// Constant-time comparison of two hex signatures, so a verifier leaks no timing.
    package static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var out = [UInt8]()
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
