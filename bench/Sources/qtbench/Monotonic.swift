import Glibc

/// Reads `CLOCK_MONOTONIC` in nanoseconds, the clock Python's `time.perf_counter_ns` uses on Linux.
enum Monotonic {
    /// Nanoseconds since an arbitrary fixed point (boot); only differences mean anything.
    static func nanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
