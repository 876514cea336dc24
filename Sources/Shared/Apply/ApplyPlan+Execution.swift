extension ApplyPlan {
    /// `entry`, `close` or `update_sl`: the metric label and log field.
    var kind: String {
        switch self {
        case .entry: "entry"
        case .close: "close"
        case .updateStopLoss: "update_sl"
        }
    }

    /// True for plans that may only reduce a position.
    var isReduceOnly: Bool {
        if case .entry = self { return false }
        return true
    }

    /// What harvestbrain needs beside wire.md's result fields to explain an exit: the plan's
    /// `kill_score`, `reason_codes` and producer (`plan_source`). Readers ignore fields they do not know.
    var passThroughFields: WirePairs {
        var pairs: WirePairs = []
        switch self {
        case .entry(let plan):
            if let source = plan.source { pairs.append(("plan_source", source)) }
            if let atr = plan.atrValue, let factor = plan.volatilityFactor {
                pairs.append(("entry_risk_usdt", WireDecimal.format(abs(plan.qty) * atr * factor)))
            }
        case .close(let plan):
            if let score = plan.killScore { pairs.append(("kill_score", WireFloat.repr(score))) }
            if !plan.reasonCodes.isEmpty { pairs.append(("reason_codes", plan.reasonCodes.joined(separator: ","))) }
            if let source = plan.source { pairs.append(("plan_source", source)) }
        case .updateStopLoss(let plan):
            if !plan.reasonCodes.isEmpty { pairs.append(("reason_codes", plan.reasonCodes.joined(separator: ","))) }
            if let source = plan.source { pairs.append(("plan_source", source)) }
        }
        return pairs
    }
}
