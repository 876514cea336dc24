import Foundation

/// The exchange's simulated time: it starts at a given instant and runs `speed` simulated
/// seconds per real second; the admin API can push it forward.
///
/// Candles, funding, trade and order times, `premiumIndex.time` and `GET /fapi/v1/time` use it.
/// Client `timestamp`s are signed with real time or with an offset synced from `/time`, so
/// the authenticator accepts anything between real and simulated now (see
/// ``RequestAuthenticator``).
struct SimulatedClock: Sendable {
    /// Real time (ms) at which the clock was started.
    let realStart: Int64
    /// Simulated time (ms) at `realStart`.
    let simulatedStart: Int64
    /// Simulated seconds per real second.
    let speed: Double
    /// Extra simulated milliseconds added by the admin API.
    private(set) var advancedBy: Int64 = 0

    init(simulatedStart: Int64, speed: Double, realStart: Int64 = SimulatedClock.realNow()) {
        self.realStart = realStart
        self.simulatedStart = simulatedStart
        self.speed = speed
    }

    /// Simulated milliseconds since the epoch at real time `real`.
    func now(real: Int64 = SimulatedClock.realNow()) -> Int64 {
        simulatedStart + Int64((Double(real - realStart) * speed).rounded(.down)) + advancedBy
    }

    /// Moves simulated time forward by `millis`.
    mutating func advance(by millis: Int64) {
        advancedBy += max(0, millis)
    }

    /// Real wall-clock milliseconds since the epoch.
    static func realNow() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}
