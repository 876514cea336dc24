import NIOCore

/// A task executor that runs jobs on one SwiftNIO event loop.
///
/// ``HTTPServer`` serves each connection in a task that prefers the event loop that reads its
/// socket: the request's code (and, through SE-0417, the default actors it calls) then runs on
/// the thread NIO woke for the bytes, instead of being handed to the cooperative pool and the
/// answer handed back. On a 2-core VM each such hand-off is a futex wake and a context switch,
/// ≈ 0.1–0.2 ms after an idle gap (`bench/RESULTS.md`, wake-up cost).
///
/// `Sendable`: the only state is the event loop, itself `Sendable`.
package final class EventLoopTaskExecutor: TaskExecutor {
    private let eventLoop: any EventLoop

    package init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    package func enqueue(_ job: consuming ExecutorJob) {
        let unownedJob = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        eventLoop.execute {
            unownedJob.runSynchronously(on: executor)
        }
    }
}
