import Foundation

/// One malformed or hostile stream message: raw bytes (field names and values may be non-UTF-8),
/// the stream it goes to and the kind of attack, for the summary.
struct HostileMessage {
    enum Target: String { case plan, result }

    var target: Target
    var category: String
    var fields: [([UInt8], [UInt8])]

    /// XADD arguments (`*` id, no MAXLEN: the check must see every message).
    func xadd(stream: String) -> [[UInt8]] {
        var arguments: [[UInt8]] = [Array("XADD".utf8), Array(stream.utf8), Array("*".utf8)]
        for (name, value) in fields {
            arguments.append(name)
            arguments.append(value)
        }
        return arguments
    }
}

extension HostileMessage {
    /// Strings that break naive SQL, shell, JSON, Lua, log, path and format handling.
    static let injections: [String] = [
        "'; DROP TABLE ledger_results; --", "\" OR \"1\"=\"1", "$(touch /tmp/qt-chaos-pwned)", "`id`",
        "\r\nFLUSHALL\r\n", "*1\r\n$8\r\nFLUSHALL\r\n", "redis.call('FLUSHALL')", "{{7*7}}", "${jndi:ldap://x/a}",
        "%s%s%s%n", "../../../../etc/passwd", "<script>alert(1)</script>", "\",\"executed\":\"True", "\u{0}",
        "\\u0000\\\"", "BTCUSDT\nFAKE log line level=error", "🙂\u{202E}evil", String(repeating: "(", count: 5000),
        String(repeating: "[", count: 100_000),
    ]

    /// Numbers no quantity, price, leverage or timestamp may be.
    static let badNumbers: [String] = [
        "-1", "-0.004", "NaN", "nan", "inf", "-Infinity", "1e999", "-1e999", String(repeating: "9", count: 400),
        "1e-400", "0x10", "1,5", "1.2.3", " ", "", "+-1", "0.000000000000000000000000000000000000001", "1e40",
        "340282366920938463463374607431768211456",
    ]

    /// Byte strings that are not valid UTF-8.
    static let invalidUTF8: [[UInt8]] = [
        [0xFF, 0xFE, 0xFD], [0xC3, 0x28], [0xE2, 0x82], [0xF0, 0x28, 0x8C, 0xBC], [0xED, 0xA0, 0x80],
        [0xC0, 0xAF], Array("BTC".utf8) + [0x80] + Array("USDT".utf8),
    ]

    static let megabyte = 1_048_576
}
