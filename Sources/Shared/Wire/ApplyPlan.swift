import FoundationEssentials

/// A message from `quantum:stream:apply.plan`, recognised per wire.md.
///
/// A stop update is `action` `UPDATE_SL` or a `stop_loss_order` step; a close is an `action` (any
/// case) in ``ClosePlan/closeActions``, `side` `CLOSE`, or `reduceOnly` true; anything else is an
/// entry, whose `action` must then be absent or `ENTRY_PROPOSED`.
///
/// - Important: A message that does not decode (e.g. a Python harvest plan with action `HOLD` and
///   decision `SKIP`, which names no side) throws; decode ``Header`` from it to answer
///   `decision_<value>` or to dead-letter it with its plan id.
package enum ApplyPlan: Sendable, Equatable {
    case entry(EntryPlan)
    case close(ClosePlan)
    case updateStopLoss(StopLossUpdate)

    /// The fields every plan shares, decodable from almost any message.
    package struct Header: Sendable, Equatable {
        package var planID: String
        package var symbol: String?
        package var decision: PlanDecision?
        package var action: String?

        /// Needs only a valid `plan_id`; other fields are kept when they are plausible.
        package init(fields: WireFields) throws(WireError) {
            planID = try fields.planID()
            symbol = try? fields.symbol()
            decision = (try? fields.text("decision", maximumLength: 64)).map(PlanDecision.init)
            action = try? fields.text("action", maximumLength: 64)
        }
    }

    /// Decodes a plan from a stream message's fields.
    package init(fields: WireFields) throws(WireError) {
        let action = try fields.text("action", maximumLength: 64)?.uppercased()
        let side = try fields.text("side", maximumLength: 16)?.uppercased()
        var reduceOnly = try fields.bool("reduceOnly")
        if reduceOnly == nil { reduceOnly = try fields.bool("reduce_only") }
        let steps = try PlanStep.decodeList(fields.json("steps"))

        if action == "UPDATE_SL" || steps.contains(where: { $0.type == PlanStep.stopLossOrder }) {
            self = .updateStopLoss(try StopLossUpdate(fields: fields, steps: steps))
        } else if let action, ClosePlan.closeActions.contains(action) {
            self = .close(try ClosePlan(fields: fields, steps: steps))
        } else if side == "CLOSE" || reduceOnly == true {
            self = .close(try ClosePlan(fields: fields, steps: steps))
        } else if let action, action != "ENTRY_PROPOSED" {
            throw WireError(field: "action", code: .unknownValue, detail: WireError.excerpt(action))
        } else {
            self = .entry(try EntryPlan(fields: fields))
        }
    }

    /// Decodes a plan from a dictionary of fields.
    package init(fields: [String: String]) throws(WireError) {
        try self.init(fields: WireFields(fields))
    }

    /// The plan as ordered apply.plan fields.
    package func encode() -> WirePairs {
        switch self {
        case .entry(let plan): plan.encode()
        case .close(let plan): plan.encode()
        case .updateStopLoss(let plan): plan.encode()
        }
    }

    package var planID: String {
        switch self {
        case .entry(let plan): plan.planID
        case .close(let plan): plan.planID
        case .updateStopLoss(let plan): plan.planID
        }
    }

    package var symbol: String {
        switch self {
        case .entry(let plan): plan.symbol
        case .close(let plan): plan.symbol
        case .updateStopLoss(let plan): plan.symbol
        }
    }

    package var decision: PlanDecision {
        switch self {
        case .entry(let plan): plan.decision
        case .close(let plan): plan.decision
        case .updateStopLoss(let plan): plan.decision
        }
    }

    /// Epoch seconds of the plan.
    package var timestamp: Double {
        switch self {
        case .entry(let plan): plan.timestamp
        case .close(let plan): plan.timestamp
        case .updateStopLoss(let plan): plan.timestamp
        }
    }

    /// The `action` for the result: the plan's own, or `ENTRY_PROPOSED` for entries without one.
    package var resultAction: String {
        switch self {
        case .entry(let plan): plan.action ?? "ENTRY_PROPOSED"
        case .close(let plan): plan.action ?? ""
        case .updateStopLoss(let plan): plan.action ?? "UPDATE_SL"
        }
    }
}
