import FoundationEssentials
import Logging

/// Kernel parameters: the configured ones, overridden by the Python policy hash
/// `quantum:policy:current` (`harvest_params`, `kill_params` as JSON; ignored after
/// `valid_until_epoch`), re-read periodically (kernel.md §3 FIX: not once at start).
package actor PolicyStore {
    let redis: RedisClient
    let base: KernelParameters
    let refresh: Duration
    let logger: Logger
    private var current: KernelParameters
    private var loadedAt: ContinuousClock.Instant?
    private var validUntil: Double?
    private var describedState = ""

    package init(redis: RedisClient, base: KernelParameters, refresh: Duration, logger: Logger) {
        self.redis = redis
        self.base = base
        self.refresh = refresh
        self.logger = logger
        self.current = base
    }

    /// The parameters in force now.
    package func parameters(now: Double = Date().timeIntervalSince1970) async -> KernelParameters {
        if let validUntil, now > validUntil {
            current = base
            self.validUntil = nil
            note("policy expired; configured parameters in force")
        }
        if let loadedAt, ContinuousClock.now - loadedAt < refresh { return current }
        loadedAt = .now
        guard let fields = try? await redis.hashGetAll("quantum:policy:current"), !fields.isEmpty else {
            current = base
            validUntil = nil
            note("no policy hash; configured parameters in force")
            return current
        }
        let until = fields["valid_until_epoch"].flatMap(Double.init)
        if let until, now > until {
            current = base
            validUntil = nil
            note("policy hash expired; configured parameters in force")
            return current
        }
        current = base.overriding(
            harvestParams: Self.numbers(fields["harvest_params"]),
            killParams: Self.numbers(fields["kill_params"]))
        validUntil = until
        note("policy hash in force")
        return current
    }

    private func note(_ state: String) {
        guard state != describedState else { return }
        describedState = state
        logger.info("kernel parameters", metadata: ["state": "\(state)"])
    }

    /// The numeric members of a JSON object (numbers, or numeric strings); anything else is ignored.
    ///
    /// - Important: Not `JSONSerialization`: on Linux its `NSNumber` for `0.0` and `1.0` also passes
    ///   `is Bool`, so such values would be dropped.
    static func numbers(_ json: String?) -> [String: Double] {
        guard let json, case .object(let members)? = try? WireJSON.parse(json) else { return [:] }
        var result: [String: Double] = [:]
        for (key, value) in members {
            switch value {
            case .number(let text), .string(let text):
                if let number = Double(text), number.isFinite { result[key] = number }
            default:
                continue
            }
        }
        return result
    }
}
