import FoundationEssentials

/// Typed reads of settings from the process environment (systemd `EnvironmentFile` style).
///
/// Empty values count as unset, so `KEY=` in an env file falls back to the default.
/// Every failed parse throws a ``ConfigurationError`` naming the key.
package struct EnvironmentReader: Sendable {
    package let values: [String: String]

    /// Reads from `values`, by default the process environment.
    package init(_ values: [String: String] = ProcessInfo.processInfo.environment) {
        self.values = values
    }

    /// The trimmed value of `key`, or `nil` when unset or empty.
    package func string(_ key: String) -> String? {
        guard let raw = values[key]?.trimmingSpaces, !raw.isEmpty else { return nil }
        return raw
    }

    /// The value of `key`, or `defaultValue`.
    package func string(_ key: String, default defaultValue: String) -> String {
        string(key) ?? defaultValue
    }

    /// An integer setting within `range`.
    package func int(_ key: String, default defaultValue: Int, range: ClosedRange<Int> = Int.min...Int.max)
        throws(ConfigurationError) -> Int
    {
        guard let raw = string(key) else { return defaultValue }
        guard let value = Int(raw) else {
            throw ConfigurationError(key: key, reason: "expected an integer, got \"\(raw)\"")
        }
        guard range.contains(value) else {
            throw ConfigurationError(key: key, reason: "\(value) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// A floating-point setting (for durations and score thresholds, never money).
    package func double(_ key: String, default defaultValue: Double) throws(ConfigurationError) -> Double {
        guard let raw = string(key) else { return defaultValue }
        guard let value = Double(raw), value.isFinite else {
            throw ConfigurationError(key: key, reason: "expected a number, got \"\(raw)\"")
        }
        return value
    }

    /// A decimal setting (money and quantities).
    package func decimal(_ key: String, default defaultValue: Decimal) throws(ConfigurationError) -> Decimal {
        guard let raw = string(key) else { return defaultValue }
        guard let value = Decimal(string: raw, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN,
            raw.allSatisfy({ "0123456789.-+".contains($0) })
        else {
            throw ConfigurationError(key: key, reason: "expected a decimal number, got \"\(raw)\"")
        }
        return value
    }

    /// A boolean setting: `1/true/yes/on` or `0/false/no/off`, any case.
    package func bool(_ key: String, default defaultValue: Bool) throws(ConfigurationError) -> Bool {
        guard let raw = string(key) else { return defaultValue }
        switch raw.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigurationError(key: key, reason: "expected true or false, got \"\(raw)\"")
        }
    }

    /// A comma-separated list, entries trimmed, empties dropped.
    package func list(_ key: String, default defaultValue: [String] = []) -> [String] {
        guard let raw = string(key) else { return defaultValue }
        return raw.split(separator: ",").map(\.trimmingSpaces).filter { !$0.isEmpty }
    }

    /// One of a fixed set of values, compared case-insensitively.
    package func choice<T: RawRepresentable & CaseIterable>(_ key: String, default defaultValue: T)
        throws(ConfigurationError) -> T where T.RawValue == String
    {
        guard let raw = string(key) else { return defaultValue }
        if let match = T.allCases.first(where: { $0.rawValue.lowercased() == raw.lowercased() }) { return match }
        let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
        throw ConfigurationError(key: key, reason: "expected one of \(allowed), got \"\(raw)\"")
    }
}
