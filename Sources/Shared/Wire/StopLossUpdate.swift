import FoundationEssentials

/// A plan that moves a position's stop (`UPDATE_SL`): tighten-only, no order unless live.
///
/// Recognised by `action` `UPDATE_SL` or a `stop_loss_order` step; the price comes from that
/// step's `price`, else the plan's `price`, else `new_sl_proposed`.
package struct StopLossUpdate: Sendable, Equatable {
    package var planID: String
    package var decision: PlanDecision
    package var symbol: String
    package var action: String?
    /// The proposed stop price, > 0.
    package var stopPrice: Decimal
    package var steps: [PlanStep]
    package var killScore: Double?
    package var rNet: Double?
    package var reasonCodes: [String]
    package var source: String?
    /// Epoch seconds.
    package var timestamp: Double

    package init(
        planID: String, decision: PlanDecision = .execute, symbol: String, action: String? = "UPDATE_SL",
        stopPrice: Decimal, killScore: Double? = nil, rNet: Double? = nil, reasonCodes: [String] = [],
        source: String? = nil, timestamp: Double
    ) {
        self.planID = planID
        self.decision = decision
        self.symbol = symbol
        self.action = action
        self.stopPrice = stopPrice
        self.steps = [.updateStopLoss(price: stopPrice)]
        self.killScore = killScore
        self.rNet = rNet
        self.reasonCodes = reasonCodes
        self.source = source
        self.timestamp = timestamp
    }

    /// Decodes a stop update (the caller has recognised it as one).
    package init(fields: WireFields, steps: [PlanStep]) throws(WireError) {
        planID = try fields.planID()
        decision = PlanDecision(try fields.requiredText("decision", maximumLength: 64))
        symbol = try fields.symbol()
        action = try fields.text("action", maximumLength: 64)
        self.steps = steps
        var price = steps.first(where: { $0.type == PlanStep.stopLossOrder })?.price
        if price == nil { price = try fields.nonNegativeDecimal("price") }
        if price == nil { price = try fields.nonNegativeDecimal("new_sl_proposed") }
        guard let price else { throw WireError.missing("price") }
        guard price > 0 else { throw WireError(field: "price", code: .outOfRange, detail: "must be > 0") }
        stopPrice = price
        killScore = try fields.double("kill_score")
        rNet = try fields.double("R_net")
        reasonCodes = try fields.list("reason_codes")
        source = try fields.text("source", maximumLength: 128)
        timestamp = try fields.requiredTimestamp("timestamp")
    }

    /// The plan as apply.plan fields (harvest shape with one `stop_loss_order` step).
    package func encode() -> WirePairs {
        var pairs: WirePairs = [("plan_id", planID), ("symbol", symbol)]
        pairs.appendIfPresent("action", action)
        pairs.appendIfPresent("kill_score", killScore.map(WireFloat.repr))
        pairs.append(("new_sl_proposed", WireDecimal.format(stopPrice)))
        pairs.appendIfPresent("R_net", rNet.map(WireFloat.repr))
        pairs.append(("decision", decision.rawValue))
        pairs.append(("reason_codes", reasonCodes.joined(separator: ",")))
        pairs.append(("steps", PlanStep.encodeList(steps)))
        pairs.appendIfPresent("source", source)
        pairs.append(("timestamp", WireTimestamp.text(seconds: timestamp)))
        return pairs
    }
}
