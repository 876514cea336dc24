import Logging
import Metrics

/// The connection state a client keeps for one server: connect attempts spaced by a capped
/// backoff, each state change logged once, and a `{name}_connected` gauge. Used by ``RedisClient``
/// and ``PostgresClient``, which own one inside their actor.
struct ReconnectGate {
    /// `redis` or `postgres`: the log messages' and the gauge's prefix.
    let name: String
    /// The server, without credentials, for logs.
    let target: String
    let logger: Logger
    private let gauge: Gauge
    private var backoff: Backoff
    private var nextAttempt: ContinuousClock.Instant?
    private var wasConnected = false
    private var everConnected = false

    init(name: String, client: String, target: String, logger: Logger, backoff: Backoff) {
        self.name = name
        self.target = target
        self.logger = logger
        self.backoff = backoff
        self.gauge = Gauge(label: "\(name)_connected", dimensions: [("client", client)])
    }

    /// False while a failed connect's backoff is in force (the caller fails fast).
    var mayConnect: Bool {
        nextAttempt.map { ContinuousClock.now >= $0 } ?? true
    }

    /// Records a successful connect.
    mutating func connected() {
        backoff.reset()
        nextAttempt = nil
        gauge.record(1)
        if !wasConnected {
            logger.info(everConnected ? "\(name) reconnected" : "\(name) connected", metadata: [name: "\(target)"])
        }
        wasConnected = true
        everConnected = true
    }

    /// Records a failed connect and schedules the next attempt.
    mutating func connectFailed(_ error: any Error) {
        nextAttempt = ContinuousClock.now + backoff.next()
        if wasConnected || backoff.failures == 1 {
            logger.warning("\(name) unavailable", metadata: [name: "\(target)", "error": "\(error)"])
        }
        wasConnected = false
        gauge.record(0)
    }

    /// Records a connection that broke after it was open.
    mutating func lost(_ error: any Error) {
        gauge.record(0)
        if wasConnected {
            logger.warning("\(name) connection lost", metadata: [name: "\(target)", "error": "\(error)"])
        }
        wasConnected = false
    }

    /// Records a deliberate close.
    mutating func closed() {
        gauge.record(0)
    }
}
