import ServiceLifecycle
import Synchronization

/// Feeds the systemd watchdog only while the daemon's main loop makes progress.
///
/// The loop calls ``progress()`` on every pass (also while paused by an outage, since a paused
/// loop is alive); this service sends `WATCHDOG=1` at half the watchdog interval only if a pass
/// happened since the last ping. A loop stuck in a call stops the pings and systemd restarts it.
package final class WatchdogService: Service, Sendable {
    private let notifier: SystemdNotifier
    private let passes = Atomic<Int>(0)

    package init(notifier: SystemdNotifier) {
        self.notifier = notifier
    }

    /// Records a pass of the main loop.
    package func progress() {
        passes.add(1, ordering: .relaxed)
    }

    package func run() async throws {
        guard let interval = notifier.watchdogInterval else {
            try? await gracefulShutdown()
            return
        }
        var seen = passes.load(ordering: .relaxed)
        notifier.watchdog()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await gracefulSleep(for: interval)
            let now = passes.load(ordering: .relaxed)
            if now != seen { notifier.watchdog() }
            seen = now
        }
    }
}
