import Foundation

/// Parses the reports' time options: `--since` / `--until` (a UTC date or an RFC 3339 time) and
/// `--window` durations (`30m`, `1h`, `24h`, `1h30m`).
package enum ReportTime {
    /// The start of a period: a date `2026-11-25` is 00:00 UTC of that day; an RFC 3339 time is itself.
    package static func start(_ text: String, option: String = "--since") throws(ReportInputError) -> Date {
        if let day = try day(text, option: option) { return day }
        return try time(text, option: option)
    }

    /// The exclusive end of a period: a date `2026-11-25` is inclusive, so the end is 00:00 UTC of
    /// the next day; an RFC 3339 time is itself.
    package static func end(_ text: String, option: String = "--until") throws(ReportInputError) -> Date {
        if let day = try day(text, option: option) { return day.addingTimeInterval(86_400) }
        return try time(text, option: option)
    }

    /// A duration such as `90s`, `30m`, `1h`, `24h`, `7d` or `1h30m`, in seconds (> 0).
    package static func duration(_ text: String, option: String = "--window") throws(ReportInputError) -> TimeInterval {
        let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        var total: TimeInterval = 0
        var digits = ""
        for character in text.lowercased() {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if let unit = units[character], let value = Int(digits) {
                total += TimeInterval(value) * unit
                digits = ""
            } else {
                throw ReportInputError(option: option, reason: "expected a duration such as 30m, 1h or 24h, got \"\(text)\"")
            }
        }
        guard digits.isEmpty, total > 0 else {
            throw ReportInputError(option: option, reason: "expected a duration such as 30m, 1h or 24h, got \"\(text)\"")
        }
        return total
    }

    /// `2026-11-25T10:00:00Z`, with milliseconds only when the time has them.
    package static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let whole = date.timeIntervalSince1970.rounded(.down) == date.timeIntervalSince1970
        formatter.formatOptions = whole ? [.withInternetDateTime] : [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// `2026-11-25` (UTC).
    package static func dayText(_ date: Date) -> String {
        String(rfc3339(date).prefix(10))
    }

    private static func day(_ text: String, option: String) throws(ReportInputError) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: Int(parts[0]), month: Int(parts[1]), day: Int(parts[2]))
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else {
            throw ReportInputError(option: option, reason: "\"\(text)\" is not a calendar date")
        }
        return date
    }

    private static func time(_ text: String, option: String) throws(ReportInputError) -> Date {
        let formatter = ISO8601DateFormatter()
        let normalized = text.uppercased()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: normalized) { return date }
        }
        throw ReportInputError(
            option: option, reason: "expected a UTC date (2026-11-25) or an RFC 3339 time (2026-11-25T10:00:00Z), got \"\(text)\"")
    }
}
