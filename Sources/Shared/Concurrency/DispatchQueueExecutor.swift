import Dispatch

/// A serial executor that runs an actor's jobs on its own `DispatchQueue`.
///
/// Actors that wrap blocking C calls (hiredis, libpq) use it so that a blocking read never
/// occupies one of the cooperative pool's threads (there are two on a 2-core machine).
/// `@unchecked Sendable`: the only state is an immutable `DispatchQueue`, itself thread-safe.
package final class DispatchQueueExecutor: SerialExecutor, @unchecked Sendable {
    private let queue: DispatchQueue

    /// Creates an executor over a new serial queue with the given label.
    package init(label: String) {
        self.queue = DispatchQueue(label: label)
    }

    package func enqueue(_ job: consuming ExecutorJob) {
        let unownedJob = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async {
            unownedJob.runSynchronously(on: executor)
        }
    }

    package func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}
