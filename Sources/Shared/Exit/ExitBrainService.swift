import FoundationEssentials
import Logging
import ServiceLifecycle

/// exitbrain's loop: one evaluation cycle per interval, a heartbeat key, watchdog progress; an
/// exchange or Redis outage pauses it (logged once) and it carries on.
package struct ExitBrainService: Service {
    let evaluator: ExitEvaluator
    let redis: RedisClient
    let heartbeatKey: String
    let health: HealthState?
    let onProgress: @Sendable () -> Void

    package init(
        evaluator: ExitEvaluator, redis: RedisClient, consumer: String, health: HealthState? = nil,
        onProgress: @escaping @Sendable () -> Void = {}
    ) {
        self.evaluator = evaluator
        self.redis = redis
        self.heartbeatKey = "quantum:heartbeat:exitbrain:\(consumer)"
        self.health = health
        self.onProgress = onProgress
    }

    package func run() async throws {
        var failing = false
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await evaluator.cycle()
                try await redis.set(
                    heartbeatKey, String(Int(Date().timeIntervalSince1970)),
                    expireSeconds: max(30, Int(evaluator.configuration.interval.components.seconds) * 3))
                health?.set("cycle", healthy: true)
                if failing { evaluator.logger.info("exit evaluation resumed") }
                failing = false
            } catch {
                health?.set("cycle", healthy: false, detail: "\(error)")
                if !failing { evaluator.logger.warning("exit evaluation paused", metadata: ["error": "\(error)"]) }
                failing = true
            }
            onProgress()
            await gracefulSleep(for: evaluator.configuration.interval)
        }
    }
}
