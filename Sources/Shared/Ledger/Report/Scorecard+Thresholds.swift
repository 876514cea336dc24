import FoundationEssentials

extension Scorecard {
    /// What each check needs to pass; the defaults are the desk's (architecture.md §1).
    package struct Thresholds: Sendable, Equatable {
        /// Close results (exit plans answered) per hour, at least.
        package var minPlansProducedPerHour: Double = 10
        /// Executed closes per hour, at least. The desk wrote "> 1 / hour" against a measured 0;
        /// "at least one" keeps a desk that closes exactly one position an hour passing.
        package var minPlansExecutedPerHour: Double = 1
        /// Share of duplicate entry attempts blocked (`position_exists`), at least.
        package var minDuplicateBlockedShare: Double = 0.95
        /// Services that must have a live heartbeat key `quantum:heartbeat:{service}:*`.
        package var services: [String] = ["exitbrain", "applylayer", "harvestbrain"]
        /// A heartbeat older than this (by its stored epoch) counts as dead.
        package var maxHeartbeatAge: TimeInterval = 120
        /// When set, net realized PnL over the window must be above this; unset, the check asks that
        /// realized PnL was booked at all (closes happened), the desk's "stagnant" failure.
        package var minPnLGrowth: Decimal?
        /// Entries of the result stream not yet delivered to the group, at most.
        package var maxConsumerLag = 100
        /// Entries delivered but not acknowledged, at most.
        package var maxPending = 100
        /// Age of the oldest pending entry (from its stream id), at most.
        package var maxOldestPendingAge: TimeInterval = 300

        package init() {}

        /// Reads overrides from the environment; every key is optional.
        ///
        /// - `SCORECARD_MIN_PLANS_PER_HOUR` (number, default `10`)
        /// - `SCORECARD_MIN_EXECUTED_PER_HOUR` (number, default `1`)
        /// - `SCORECARD_MIN_DUPLICATE_BLOCKED` (number 0–1, default `0.95`)
        /// - `SCORECARD_SERVICES` (comma list, default `exitbrain,applylayer,harvestbrain`)
        /// - `SCORECARD_HEARTBEAT_MAX_AGE_SEC` (int, default `120`)
        /// - `SCORECARD_MIN_PNL_GROWTH` (decimal, quote asset, default unset: realized PnL booked at all)
        /// - `SCORECARD_MAX_LAG` (int, default `100`), `SCORECARD_MAX_PENDING` (int, default `100`)
        /// - `SCORECARD_MAX_PENDING_AGE_SEC` (int, default `300`)
        package init(environment env: EnvironmentReader) throws(ConfigurationError) {
            minPlansProducedPerHour = try env.double("SCORECARD_MIN_PLANS_PER_HOUR", default: minPlansProducedPerHour)
            minPlansExecutedPerHour = try env.double(
                "SCORECARD_MIN_EXECUTED_PER_HOUR", default: minPlansExecutedPerHour)
            minDuplicateBlockedShare = try env.double(
                "SCORECARD_MIN_DUPLICATE_BLOCKED", default: minDuplicateBlockedShare)
            guard (0...1).contains(minDuplicateBlockedShare) else {
                throw ConfigurationError(
                    key: "SCORECARD_MIN_DUPLICATE_BLOCKED", reason: "expected a share between 0 and 1")
            }
            services = env.list("SCORECARD_SERVICES", default: services)
            maxHeartbeatAge = TimeInterval(
                try env.int("SCORECARD_HEARTBEAT_MAX_AGE_SEC", default: 120, range: 1...86_400))
            if env.string("SCORECARD_MIN_PNL_GROWTH") != nil {
                minPnLGrowth = try env.decimal("SCORECARD_MIN_PNL_GROWTH", default: 0)
            }
            maxConsumerLag = try env.int("SCORECARD_MAX_LAG", default: maxConsumerLag, range: 0...Int.max)
            maxPending = try env.int("SCORECARD_MAX_PENDING", default: maxPending, range: 0...Int.max)
            maxOldestPendingAge = TimeInterval(
                try env.int("SCORECARD_MAX_PENDING_AGE_SEC", default: 300, range: 1...604_800))
        }
    }
}
