import FoundationEssentials

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
                throw ReportInputError(
                    option: option, reason: "expected a duration such as 30m, 1h or 24h, got \"\(text)\"")
            }
        }
        guard digits.isEmpty, total > 0 else {
            throw ReportInputError(
                option: option, reason: "expected a duration such as 30m, 1h or 24h, got \"\(text)\"")
        }
        return total
    }

    /// `2026-11-25T10:00:00Z`, with milliseconds only when the time has them.
    package static func rfc3339(_ date: Date) -> String {
        let whole = date.timeIntervalSince1970.rounded(.down) == date.timeIntervalSince1970
        return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: !whole))
    }

    /// `2026-11-25` (UTC).
    package static func dayText(_ date: Date) -> String {
        String(rfc3339(date).prefix(10))
    }

    private static func day(_ text: String, option: String) throws(ReportInputError) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return nil }
        guard let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            let seconds = CivilTime(year: year, month: month, day: day).epochSeconds
        else {
            throw ReportInputError(option: option, reason: "\"\(text)\" is not a calendar date")
        }
        return Date(timeIntervalSince1970: Double(seconds))
    }

    private static func time(_ text: String, option: String) throws(ReportInputError) -> Date {
        let normalized = text.uppercased()
        for fractional in [false, true] {
            if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: fractional).parse(normalized) {
                return date
            }
        }
        throw ReportInputError(
            option: option,
            reason: "expected a UTC date (2026-11-25) or an RFC 3339 time (2026-11-25T10:00:00Z), got \"\(text)\"")
    }
}
