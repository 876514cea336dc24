/// Capped exponential backoff with jitter, for reconnect and retry loops.
///
/// `next()` returns the delay to wait before the next attempt; `reset()` after a success.
package struct Backoff: Sendable {
    /// First delay.
    package var initial: Duration
    /// Largest delay ever returned.
    package var maximum: Duration
    private var attempt = 0

    package init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(10)) {
        self.initial = initial
        self.maximum = maximum
    }

    /// Number of consecutive failures so far.
    package var failures: Int { attempt }

    /// The delay before the next attempt: initial × 2^n, capped, with ±20 % jitter.
    package mutating func next() -> Duration {
        let exponent = min(attempt, 20)
        attempt += 1
        let base = min(initial * (1 << exponent), maximum)
        let jitter = Double.random(in: 0.8...1.2)
        return min(base * jitter, maximum)
    }

    /// Forgets past failures.
    package mutating func reset() {
        attempt = 0
    }
}
