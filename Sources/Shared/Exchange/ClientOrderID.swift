/// Binance client order ids derived from plan ids (architecture §4: exactly-once orders).
///
/// The same plan id always yields the same client order id, so a redelivered plan finds the
/// order it already placed instead of placing a second one.
package enum ClientOrderID {
    /// The longest id Binance accepts.
    package static let maximumLength = 36

    /// The plan id itself when Binance accepts it (`^[.A-Z:/a-z0-9_-]{1,36}$`), otherwise
    /// `qt-` followed by the first 33 hex characters of SHA-256(plan id) (36 characters).
    package static func derive(planID: String) -> String {
        if isValid(planID) { return planID }
        return "qt-" + Digest.sha256Hex(planID).prefix(33)
    }

    /// Whether `id` matches Binance's `^[.A-Z:/a-z0-9_-]{1,36}$`.
    package static func isValid(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard (1...maximumLength).contains(bytes.count) else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: ":"),
                UInt8(ascii: "/"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                return true
            default:
                return false
            }
        }
    }
}
