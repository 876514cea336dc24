import ServiceLifecycle

/// Sleeps for `duration`, or less when a graceful shutdown (SIGTERM) begins, so a loop that
/// waits between passes stops at once instead of holding the process up to `TimeoutStopSec`.
package func gracefulSleep(for duration: Duration) async {
    try? await cancelWhenGracefulShutdown {
        try await Task.sleep(for: duration)
    }
}
