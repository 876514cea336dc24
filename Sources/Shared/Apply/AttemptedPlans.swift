import Synchronization

/// Plan ids this process sent an order for, so an in-process retry looks the order up first.
final class AttemptedPlans: Sendable {
    private let ids = Mutex<Set<String>>([])

    func contains(_ planID: String) -> Bool { ids.withLock { $0.contains(planID) } }
    func insert(_ planID: String) { ids.withLock { _ = $0.insert(planID) } }
    func remove(_ planID: String) { ids.withLock { _ = $0.remove(planID) } }
}
