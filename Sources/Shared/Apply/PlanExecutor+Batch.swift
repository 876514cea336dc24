/// Concurrency within a read batch.
///
/// Closes and stop updates of different symbols do not interfere (each runs under its symbol's
/// lease, and the exchange position it reads is that symbol's), so they run at the same time, up to
/// ``ApplyConfiguration/concurrency`` lanes. Plans of one symbol keep their stream order, one after
/// the other. Entries share the position and notional gates, so every entry (and every plan of a
/// symbol that has an entry in the batch, and every plan that does not decode) runs in one lane, in
/// stream order, as a single-lane consumer would.
extension PlanExecutor {
    package func handleBatch(_ messages: [StreamMessage]) async -> [Result<StreamDisposition, any Error>] {
        let lanes = Self.lanes(for: messages)
        guard lanes.count > 1, configuration.concurrency > 1 else { return await handleOneByOne(messages) }
        var outcomes = [Result<StreamDisposition, any Error>](
            repeating: .failure(StreamBatchNotAttempted()),
            count: messages.count)
        await withTaskGroup(of: [(Int, Result<StreamDisposition, any Error>)].self) { group in
            var pending = lanes[...]
            func startNext() {
                guard let lane = pending.popFirst() else { return }
                group.addTask {
                    let results = await handleOneByOne(lane.map { messages[$0] })
                    return Array(zip(lane, results))
                }
            }
            for _ in 0..<min(configuration.concurrency, pending.count) { startNext() }
            for await finished in group {
                for (index, outcome) in finished { outcomes[index] = outcome }
                startNext()
            }
        }
        return outcomes
    }

    /// Indices of `messages` grouped into lanes (see the extension's summary), each in stream order;
    /// the serial lane (entries and undecodable plans) first.
    static func lanes(for messages: [StreamMessage]) -> [[Int]] {
        let plans = messages.map { try? ApplyPlan(fields: $0.values) }
        var serialSymbols: Set<String> = []
        for plan in plans {
            if case .entry(let entry)? = plan { serialSymbols.insert(entry.symbol) }
        }
        var serial: [Int] = []
        var bySymbol: [String: [Int]] = [:]
        var order: [String] = []
        for (index, plan) in plans.enumerated() {
            guard let plan, !serialSymbols.contains(plan.symbol) else {
                serial.append(index)
                continue
            }
            if case .entry = plan {
                serial.append(index)
                continue
            }
            if bySymbol[plan.symbol] == nil { order.append(plan.symbol) }
            bySymbol[plan.symbol, default: []].append(index)
        }
        return (serial.isEmpty ? [] : [serial]) + order.compactMap { bySymbol[$0] }
    }
}
