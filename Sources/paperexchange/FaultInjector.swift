/// Faults the admin API can inject into ordinary (non-admin) requests: added latency,
/// a 503 "Unknown error" or a dropped connection after an order was accepted, bursts of
/// 429 with Retry-After, and a skewed server clock (`-1021` for clients synced before it).
actor FaultInjector {
    /// The largest clock skew the admin API accepts, either way (one day).
    static let maxSkewMillis: Int64 = 86_400_000

    /// Milliseconds added before every answer.
    private(set) var latencyMillis: Int = 0
    /// How many of the next accepted orders answer 503 although they were placed.
    private(set) var failOrdersAfterAccept: Int = 0
    /// How many of the next accepted orders get their connection dropped instead of an answer.
    private(set) var dropOrdersAfterAccept: Int = 0
    /// How many of the next requests answer 429.
    private(set) var rateLimitBurst: Int = 0
    /// Retry-After seconds sent with the 429s.
    private(set) var retryAfterSeconds: Int = 1
    /// Milliseconds added to the server's clock: to what `/fapi/v1/time` reports and to the
    /// "now" the timestamp window of signed requests is checked against.
    private(set) var skewMillis: Int64 = 0

    func configure(
        latencyMillis: Int?, failOrdersAfterAccept: Int?, dropOrdersAfterAccept: Int?, rateLimitBurst: Int?,
        retryAfterSeconds: Int?, skewMillis: Int64? = nil
    ) {
        if let skewMillis { self.skewMillis = max(-Self.maxSkewMillis, min(skewMillis, Self.maxSkewMillis)) }
        if let dropOrdersAfterAccept { self.dropOrdersAfterAccept = max(0, dropOrdersAfterAccept) }
        if let latencyMillis { self.latencyMillis = max(0, min(latencyMillis, 60_000)) }
        if let failOrdersAfterAccept { self.failOrdersAfterAccept = max(0, failOrdersAfterAccept) }
        if let rateLimitBurst { self.rateLimitBurst = max(0, rateLimitBurst) }
        if let retryAfterSeconds { self.retryAfterSeconds = max(0, retryAfterSeconds) }
    }

    /// What an ordinary (non-admin) request meets on arrival.
    struct Admission: Sendable {
        /// Milliseconds to wait first; the rest is then decided by ``admitAfterLatency()``.
        var latencyMillis: Int
        /// The Retry-After of the 429 this request is answered, or nil.
        var retryAfterSeconds: Int?
        /// The skew of the server's clock for this request.
        var skewMillis: Int64
    }

    /// A fault taken by an accepted order.
    enum OrderFault: Sendable {
        /// Answered 503 (`-1000`) although placed.
        case failAfterAccept
        /// Its connection dropped instead of an answer.
        case dropAfterAccept
    }

    /// The latency to add to a request; when there is none, at once also what
    /// ``admitAfterLatency()`` decides (one call to the actor instead of three).
    func admit() -> Admission {
        guard latencyMillis == 0 else { return Admission(latencyMillis: latencyMillis, skewMillis: 0) }
        return admitAfterLatency()
    }

    /// After the latency: one 429 taken from the burst if any is due, and the clock skew.
    func admitAfterLatency() -> Admission {
        Admission(latencyMillis: 0, retryAfterSeconds: takeRateLimit(), skewMillis: skewMillis)
    }

    /// Takes one "fail after accept", else one "drop after accept", if any is due.
    func takeOrderFault() -> OrderFault? {
        if takeOrderFailure() { return .failAfterAccept }
        if takeOrderDrop() { return .dropAfterAccept }
        return nil
    }

    /// Takes one 429 from the burst; returns its Retry-After, or nil when none is due.
    func takeRateLimit() -> Int? {
        guard rateLimitBurst > 0 else { return nil }
        rateLimitBurst -= 1
        return retryAfterSeconds
    }

    /// Takes one "fail after accept"; true when this order's answer must be a 503.
    func takeOrderFailure() -> Bool {
        guard failOrdersAfterAccept > 0 else { return false }
        failOrdersAfterAccept -= 1
        return true
    }

    /// Takes one "drop after accept"; true when this order's connection must be dropped.
    func takeOrderDrop() -> Bool {
        guard dropOrdersAfterAccept > 0 else { return false }
        dropOrdersAfterAccept -= 1
        return true
    }

    func reset() {
        dropOrdersAfterAccept = 0
        latencyMillis = 0
        failOrdersAfterAccept = 0
        rateLimitBurst = 0
        retryAfterSeconds = 1
        skewMillis = 0
    }

    var json: JSONValue {
        .object([
            ("latencyMs", .int(latencyMillis)), ("failOrders", .int(failOrdersAfterAccept)),
            ("dropOrders", .int(dropOrdersAfterAccept)),
            ("rateLimit", .int(rateLimitBurst)), ("retryAfter", .int(retryAfterSeconds)),
            ("skewMs", .int(skewMillis)),
        ])
    }
}
