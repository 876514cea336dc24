import Shared

/// The end-of-run audit: from the streams, the dead letters, the ledger and the exchange's
/// orders, whether every plan was answered exactly once and nothing was doubled or lost.
struct ChaosAudit {
    var plans: StreamSnapshot
    var results: StreamSnapshot
    var deadLetters: StreamSnapshot
    /// apply.result entry ids with a ledger row.
    var ledgerEntryIDs: Set<String>
    var exchange: PaperStateFile
    var groups: [GroupState]
    /// `target stream-id category` lines written by `qtchaos hostile`.
    var hostileLines: [String]
    var fedCount: Int

    struct GroupState {
        var stream: String
        var name: String
        var pending: Int
        var lag: Int?
    }

    func checks() -> [ChaosCheck] {
        let deadLettered = Set(
            deadLetters.entries.compactMap { entry -> String? in
                guard let stream = entry.value("stream"), let id = entry.value("id") else { return nil }
                return stream + " " + id
            })
        var usablePlanIDs: [String: String] = [:]  // stream id -> plan id
        var unusable: [String] = []
        for entry in plans.entries {
            if let header = try? ApplyPlan.Header(fields: WireFields(entry.strings)) {
                usablePlanIDs[entry.id] = header.planID
            } else {
                unusable.append(entry.id)
            }
        }
        let planIDs = Set(usablePlanIDs.values)
        var answers: [String: Int] = [:]
        var executed: [String: Bool] = [:]
        // Hostile results (forged on apply.result) are not answers, whatever plan id they carry.
        let forged = Set(
            hostileLines.compactMap { line -> String? in
                let parts = line.split(separator: " ")
                return parts.count >= 2 && parts[0] == "result" ? String(parts[1]) : nil
            })
        for entry in results.entries where !forged.contains(entry.id) {
            guard let planID = entry.value("plan_id"), planIDs.contains(planID) else { continue }
            answers[planID, default: 0] += 1
            executed[planID] = entry.value("executed") == "True"
        }
        var orderCounts: [String: Int] = [:]
        for order in exchange.orders { orderCounts[order.clientOrderId, default: 0] += 1 }
        var algoCounts: [String: Int] = [:]
        for algo in exchange.algoOrders { algoCounts[algo.clientAlgoId, default: 0] += 1 }
        let clientIDs = Dictionary(
            planIDs.map { (ClientOrderID.derive(planID: $0), $0) }, uniquingKeysWith: { a, _ in a })

        var rows: [ChaosCheck] = []
        let unanswered = planIDs.filter { answers[$0] == nil }.sorted()
        let doubled = planIDs.filter { (answers[$0] ?? 0) > 1 }.sorted()
        rows.append(
            ChaosCheck(
                name: "every plan answered exactly once", passed: unanswered.isEmpty && doubled.isEmpty,
                detail:
                    "\(planIDs.count) plan ids (\(fedCount) fed) in \(plans.entries.count) entries; unanswered \(unanswered.count)\(Self.sample(unanswered)), answered twice or more \(doubled.count)\(Self.sample(doubled))"
            ))
        let unusableLost = unusable.filter { !deadLettered.contains(plans.stream + " " + $0) }
        rows.append(
            ChaosCheck(
                name: "plans without a usable id dead-lettered", passed: unusableLost.isEmpty,
                detail:
                    "\(unusable.count) entries, \(unusableLost.count) neither answered nor dead-lettered\(Self.sample(unusableLost))"
            ))
        let resultsLost = results.entries.map(\.id).filter {
            !ledgerEntryIDs.contains($0) && !deadLettered.contains(results.stream + " " + $0)
        }
        rows.append(
            ChaosCheck(
                name: "every result recorded or dead-lettered", passed: resultsLost.isEmpty,
                detail:
                    "\(results.entries.count) results, \(ledgerEntryIDs.count) ledger rows, \(resultsLost.count) lost\(Self.sample(resultsLost))"
            ))
        let duplicateOrders = orderCounts.filter { $0.value > 1 }.map(\.key).sorted()
        let duplicateAlgos = algoCounts.filter { $0.value > 1 }.map(\.key).sorted()
        rows.append(
            ChaosCheck(
                name: "0 duplicate orders (by client id)", passed: duplicateOrders.isEmpty && duplicateAlgos.isEmpty,
                detail:
                    "\(exchange.orders.count) orders, \(exchange.algoOrders.count) algo orders; duplicated \(duplicateOrders.count + duplicateAlgos.count)\(Self.sample(duplicateOrders + duplicateAlgos))"
            ))
        let unexecutedWithOrder = planIDs.filter { executed[$0] == false }
            .filter {
                orderCounts[ClientOrderID.derive(planID: $0)] != nil
                    || algoCounts[ClientOrderID.derive(planID: $0)] != nil
            }.sorted()
        let unexecutedCount = planIDs.filter { executed[$0] == false }.count
        rows.append(
            ChaosCheck(
                name: "no order for a plan answered executed=False", passed: unexecutedWithOrder.isEmpty,
                detail:
                    "\(unexecutedCount) plans answered executed=False, \(unexecutedWithOrder.count) with an order\(Self.sample(unexecutedWithOrder))"
            ))
        let executedWithout = planIDs.filter { executed[$0] == true }
            .filter {
                orderCounts[ClientOrderID.derive(planID: $0)] == nil
                    && algoCounts[ClientOrderID.derive(planID: $0)] == nil
            }.sorted()
        rows.append(
            ChaosCheck(
                name: "every executed plan has its order", passed: executedWithout.isEmpty,
                detail:
                    "\(planIDs.filter { executed[$0] == true }.count) executed, \(executedWithout.count) without an order\(Self.sample(executedWithout))"
            ))
        let ghosts = orderCounts.keys.filter { clientIDs[$0] == nil }.sorted()
        rows.append(
            ChaosCheck(
                name: "no order without a plan", passed: ghosts.isEmpty,
                detail: "\(ghosts.count) orders whose client id belongs to no plan\(Self.sample(ghosts))"))
        let open = exchange.positions.values.filter { $0.amount != 0 }.map { "\($0.symbol)=\($0.amount)" }.sorted()
        rows.append(
            ChaosCheck(
                name: "every position flat at the end", passed: open.isEmpty,
                detail: open.isEmpty
                    ? "\(exchange.positions.count) symbols traded, all flat" : "open: \(open.joined(separator: ", "))"))
        let pending = groups.filter { $0.pending > 0 || ($0.lag ?? 0) > 0 }
        rows.append(
            ChaosCheck(
                name: "0 pending entries", passed: pending.isEmpty,
                detail: groups.map { "\($0.name) pending \($0.pending) lag \($0.lag.map(String.init) ?? "?")" }.joined(
                    separator: "; ")))
        rows.append(hostileCheck(usablePlanIDs: usablePlanIDs, answers: answers, deadLettered: deadLettered))
        return rows
    }

    /// Every hostile message is answered (a result for its plan id), recorded (a ledger row) or
    /// dead-lettered.
    private func hostileCheck(usablePlanIDs: [String: String], answers: [String: Int], deadLettered: Set<String>)
        -> ChaosCheck
    {
        var answered = 0, recorded = 0, dead = 0
        var lost: [String] = []
        for line in hostileLines {
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count >= 2 else { continue }
            let (target, id) = (parts[0], parts[1])
            let stream = target == "plan" ? plans.stream : results.stream
            if deadLettered.contains(stream + " " + id) {
                dead += 1
            } else if target == "plan", let planID = usablePlanIDs[id], answers[planID] == 1 {
                answered += 1
            } else if target == "result", ledgerEntryIDs.contains(id) {
                recorded += 1
            } else {
                lost.append("\(target):\(id)")
            }
        }
        return ChaosCheck(
            name: "every hostile message answered or dead-lettered", passed: lost.isEmpty,
            detail:
                "\(hostileLines.count) sent: \(answered) answered, \(recorded) recorded as results, \(dead) dead-lettered, \(lost.count) lost\(Self.sample(lost))"
        )
    }

    static func sample(_ items: [String]) -> String {
        items.isEmpty
            ? ""
            : " (" + items.prefix(5).map { String($0.prefix(40)) }.joined(separator: ", ")
                + (items.count > 5 ? ", …" : "") + ")"
    }
}
