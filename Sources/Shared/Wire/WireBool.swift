import FoundationEssentials

/// Booleans on the wire: tolerant reading, and the two spellings the Python services expect.
///
/// apply.result writes `True`/`False` (Python `str(bool)`); apply.plan's `reduceOnly` writes
/// `true`/`false`. Readers accept any letter case of `true/false`, `1/0`, `yes/no`, `y/n`,
/// `on/off` and `t/f`.
package enum WireBool {
    /// Parses a boolean; anything else is ``WireError/Code/unknownValue`` (empty is ``WireError/Code/empty``).
    package static func parse(_ text: String, field: String) throws(WireError) -> Bool {
        let trimmed = text.wireTrimmed
        if trimmed.isEmpty { throw WireError(field: field, code: .empty) }
        switch trimmed.lowercased() {
        case "true", "1", "yes", "y", "on", "t": return true
        case "false", "0", "no", "n", "off", "f": return false
        default: throw WireError(field: field, code: .unknownValue, detail: WireError.excerpt(trimmed))
        }
    }

    /// `True` / `False`, as booleans on apply.result.
    package static func resultText(_ value: Bool) -> String { value ? "True" : "False" }

    /// `true` / `false`, as `reduceOnly` on apply.plan.
    package static func planText(_ value: Bool) -> String { value ? "true" : "false" }
}
