import Dispatch
import NIOConcurrencyHelpers

/// A small set of serial dispatch queues ("lanes") on which blocking C calls run.
///
/// Each lane is a serial queue, which libdispatch backs with an overcommitting thread, so a
/// blocked lane never takes a thread from Swift's cooperative pool (two threads on these
/// machines) and never waits for one. Work goes to the lane with the fewest jobs in flight, so
/// a slow request does not hold up the others while a lane is free.
///
/// `@unchecked Sendable`: the only mutable state, the per-lane counters, is guarded by `lock`;
/// the queues themselves are thread-safe.
final class BlockingQueuePool: @unchecked Sendable {
    private let lanes: [DispatchQueue]
    private var inFlight: [Int]
    private let lock = NIOLock()

    /// Creates `count` lanes (at least one) labelled `label.N`.
    init(label: String, count: Int) {
        let count = max(1, count)
        lanes = (0..<count).map { DispatchQueue(label: "\(label).\($0)") }
        inFlight = Array(repeating: 0, count: count)
    }

    /// How many lanes there are; lane numbers passed to work run from 0 to `count - 1`.
    var count: Int { lanes.count }

    /// Runs `work` on the least busy lane and resumes the caller with its value.
    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await run { (_: Int) in work() }
    }

    /// Runs `work` on the least busy lane, telling it which lane (work on one lane never overlaps,
    /// so per-lane state needs no lock), and resumes the caller with its value.
    func run<T: Sendable>(_ work: @escaping @Sendable (Int) -> T) async -> T {
        let lane = acquire()
        return await withCheckedContinuation { continuation in
            lanes[lane].async {
                let value = work(lane)
                self.release(lane)
                continuation.resume(returning: value)
            }
        }
    }

    private func acquire() -> Int {
        lock.lock()
        defer { lock.unlock() }
        var best = 0
        for index in inFlight.indices where inFlight[index] < inFlight[best] { best = index }
        inFlight[best] += 1
        return best
    }

    private func release(_ lane: Int) {
        lock.lock()
        inFlight[lane] -= 1
        lock.unlock()
    }
}
