/// A decoded RESP2 reply.
///
/// Bulk strings stay bytes (binary-safe); `string` decodes them as UTF-8 for callers that
/// expect text.
package enum RedisReply: Sendable, Equatable {
    case bulk([UInt8])
    case status(String)
    case integer(Int)
    case array([RedisReply])
    case null
    case error(String)

    /// The reply as text: bulk strings decoded as UTF-8 (invalid bytes replaced), status text,
    /// or an integer's decimal text; `nil` otherwise.
    package var string: String? {
        switch self {
        case .bulk(let bytes): String(decoding: bytes, as: UTF8.self)
        case .status(let text): text
        case .integer(let value): String(value)
        default: nil
        }
    }

    /// The reply as an integer, when it is one or is integer text.
    package var integer: Int? {
        switch self {
        case .integer(let value): value
        case .bulk, .status: string.flatMap { Int($0) }
        default: nil
        }
    }

    /// The elements of an array reply; `nil` for anything else (including null).
    package var array: [RedisReply]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// True for a null reply (a missing key, a BLOCK timeout).
    package var isNull: Bool { self == .null }

    /// A flat array of alternating field/value bulk strings as ordered pairs.
    package var pairs: [(String, String)] {
        guard let elements = array else { return [] }
        var result: [(String, String)] = []
        result.reserveCapacity(elements.count / 2)
        var index = 0
        while index + 1 < elements.count {
            result.append((elements[index].string ?? "", elements[index + 1].string ?? ""))
            index += 2
        }
        return result
    }
}
