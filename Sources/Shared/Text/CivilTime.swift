import Glibc

/// A UTC calendar date and time of day, converted to and from epoch seconds by the C library
/// (`gmtime_r`, `timegm`): the proleptic Gregorian calendar, no time zone database.
package struct CivilTime: Sendable, Equatable {
    package var year: Int
    package var month: Int
    package var day: Int
    package var hour = 0
    package var minute = 0
    package var second = 0

    package init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The UTC date and time of `epochSeconds`.
    package init(epochSeconds: Int64) {
        var time = time_t(epochSeconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        self.init(
            year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday),
            hour: Int(parts.tm_hour), minute: Int(parts.tm_min), second: Int(parts.tm_sec))
    }

    /// Epoch seconds of this time, or nil when it is not a real date and time (February 30th,
    /// hour 24, …).
    package var epochSeconds: Int64? {
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let seconds = Int64(timegm(&parts))
        // timegm normalises out-of-range fields (February 30th becomes March 2nd): not a date.
        guard CivilTime(epochSeconds: seconds) == self else { return nil }
        return seconds
    }
}
