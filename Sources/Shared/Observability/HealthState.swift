import Synchronization

/// What `/healthz` reports: each component (redis, postgres, exchange, consumer) up or down.
///
/// Thread-safe (a `Mutex`), shared by the loops that observe each component.
package final class HealthState: Sendable {
    /// One component's last known state.
    package struct Component: Sendable, Equatable {
        package var healthy: Bool
        package var detail: String
    }

    private let components = Mutex<[String: Component]>([:])

    package init() {}

    /// Records a component's state.
    package func set(_ name: String, healthy: Bool, detail: String = "") {
        components.withLock { $0[name] = Component(healthy: healthy, detail: detail) }
    }

    /// A copy of every component's state.
    package var snapshot: [String: Component] {
        components.withLock { $0 }
    }

    /// True when every recorded component is healthy.
    package var isHealthy: Bool {
        snapshot.values.allSatisfy(\.healthy)
    }
}
