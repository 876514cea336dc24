import FoundationEssentials

/// A plan that reduces or closes a position (wire.md "Close plan").
///
/// Two shapes arrive: the harvest shape (exitbrain, the Python apply layer: scores, `steps`,
/// `close_qty`) and the flat shape (governor rotation, robust exit, harvest brain: `side`, `qty`,
/// `reduceOnly=true`). How much to close is ``requestedClose()``; the live position caps it.
package struct ClosePlan: Sendable, Equatable {
    /// Which producer family wrote the plan; the harvest shape carries a `steps` field.
    package enum Shape: String, Sendable, Hashable {
        case harvest
        case flat
    }

    package var planID: String
    package var decision: PlanDecision
    package var symbol: String
    package var shape: Shape
    /// `action` as sent (any case), e.g. `FULL_CLOSE_PROPOSED`, `PARTIAL_75`; `nil` on flat plans without one.
    package var action: String?
    /// `side` upper-cased (`CLOSE`, `SELL`, `BUY`); the order side comes from the live position.
    package var side: String?
    package var orderType: String?
    package var reduceOnly: Bool?
    package var steps: [PlanStep]
    package var killScore: Double?
    package var kRegimeFlip: Double?
    package var kSigmaSpike: Double?
    package var kTsDrop: Double?
    package var kAgePenalty: Double?
    package var rNet: Double?
    /// `new_sl_proposed`, when the producer proposed a stop along with the close.
    package var newStopLoss: Decimal?
    package var reasonCodes: [String]
    /// `close_qty` (always 0 from the Python apply layer).
    package var closeQty: Decimal?
    package var qty: Decimal?
    package var source: String?
    package var signature: String?
    /// Free-text `reason` of flat producers.
    package var reason: String?
    /// Epoch seconds.
    package var timestamp: Double

    package init(
        planID: String, decision: PlanDecision = .execute, symbol: String, shape: Shape, action: String?,
        side: String? = "CLOSE", orderType: String? = nil, reduceOnly: Bool? = true, steps: [PlanStep] = [],
        killScore: Double? = nil, kRegimeFlip: Double? = nil, kSigmaSpike: Double? = nil, kTsDrop: Double? = nil,
        kAgePenalty: Double? = nil, rNet: Double? = nil, newStopLoss: Decimal? = nil, reasonCodes: [String] = [],
        closeQty: Decimal? = nil, qty: Decimal? = nil, source: String? = nil, signature: String? = nil,
        reason: String? = nil, timestamp: Double
    ) {
        self.planID = planID
        self.decision = decision
        self.symbol = symbol
        self.shape = shape
        self.action = action
        self.side = side
        self.orderType = orderType
        self.reduceOnly = reduceOnly
        self.steps = steps
        self.killScore = killScore
        self.kRegimeFlip = kRegimeFlip
        self.kSigmaSpike = kSigmaSpike
        self.kTsDrop = kTsDrop
        self.kAgePenalty = kAgePenalty
        self.rNet = rNet
        self.newStopLoss = newStopLoss
        self.reasonCodes = reasonCodes
        self.closeQty = closeQty
        self.qty = qty
        self.source = source
        self.signature = signature
        self.reason = reason
        self.timestamp = timestamp
    }

    /// A harvest-shape close as exitbrain writes it: `qty=0`, `side=CLOSE`, `source=exitbrain`,
    /// `reduceOnly=true`, one `market_reduce_only` step with `percent`.
    package static func exitbrain(
        planID: String, symbol: String, action: String, percent: Double, killScore: Double,
        kRegimeFlip: Double, kSigmaSpike: Double, kTsDrop: Double, kAgePenalty: Double, rNet: Double?,
        newStopLoss: Decimal?, reasonCodes: [String], decision: PlanDecision = .execute, timestamp: Double
    ) -> ClosePlan {
        ClosePlan(
            planID: planID, decision: decision, symbol: symbol, shape: .harvest, action: action, side: "CLOSE",
            reduceOnly: true, steps: [.close(percent: percent)], killScore: killScore, kRegimeFlip: kRegimeFlip,
            kSigmaSpike: kSigmaSpike, kTsDrop: kTsDrop, kAgePenalty: kAgePenalty, rNet: rNet,
            newStopLoss: newStopLoss, reasonCodes: reasonCodes, closeQty: 0, qty: 0, source: "exitbrain",
            timestamp: timestamp
        )
    }

    /// Decodes a close plan (the caller has recognised it as one).
    package init(fields: WireFields, steps: [PlanStep]) throws(WireError) {
        planID = try fields.planID()
        decision = PlanDecision(try fields.requiredText("decision", maximumLength: 64))
        symbol = try fields.symbol()
        shape = fields["steps"] != nil ? .harvest : .flat
        action = try fields.text("action", maximumLength: 64)
        side = try fields.text("side", maximumLength: 16)?.uppercased()
        orderType = try fields.text("type", maximumLength: 32)?.uppercased()
        reduceOnly = try fields.bool("reduceOnly")
        if reduceOnly == nil { reduceOnly = try fields.bool("reduce_only") }
        self.steps = steps
        killScore = try fields.double("kill_score")
        kRegimeFlip = try fields.double("k_regime_flip")
        kSigmaSpike = try fields.double("k_sigma_spike")
        kTsDrop = try fields.double("k_ts_drop")
        kAgePenalty = try fields.double("k_age_penalty")
        rNet = try fields.double("R_net")
        newStopLoss = try fields.nonNegativeDecimal("new_sl_proposed")
        reasonCodes = try fields.list("reason_codes")
        closeQty = try fields.nonNegativeDecimal("close_qty")
        qty = try fields.nonNegativeDecimal("qty")
        source = try fields.text("source", maximumLength: 128)
        signature = try fields.text("signature", maximumLength: 256)
        reason = try fields.text("reason", maximumLength: 1024)
        timestamp = try fields.requiredTimestamp("timestamp")
    }

    /// The plan as apply.plan fields. Harvest shape in the Python apply layer's order plus the
    /// newer producers' `qty, side, source, reduceOnly`; flat shape as the flat producers write it.
    /// Absent numbers are omitted, never written empty.
    package func encode() -> WirePairs {
        var pairs: WirePairs = [("plan_id", planID)]
        switch shape {
        case .harvest:
            pairs.append(("symbol", symbol))
            pairs.appendIfPresent("action", action)
            pairs.appendIfPresent("kill_score", killScore.map(WireFloat.repr))
            pairs.append(("k_regime_flip", WireFloat.repr(kRegimeFlip ?? 0)))
            pairs.append(("k_sigma_spike", WireFloat.repr(kSigmaSpike ?? 0)))
            pairs.append(("k_ts_drop", WireFloat.repr(kTsDrop ?? 0)))
            pairs.append(("k_age_penalty", WireFloat.repr(kAgePenalty ?? 0)))
            pairs.appendIfPresent("new_sl_proposed", newStopLoss.map(WireDecimal.format))
            pairs.appendIfPresent("R_net", rNet.map(WireFloat.repr))
            pairs.append(("decision", decision.rawValue))
            pairs.append(("reason_codes", reasonCodes.joined(separator: ",")))
            pairs.append(("steps", PlanStep.encodeList(steps)))
            pairs.append(("close_qty", WireDecimal.format(closeQty ?? 0)))
            pairs.append(("qty", WireDecimal.format(qty ?? 0)))
            pairs.appendIfPresent("side", side)
            pairs.appendIfPresent("type", orderType)
            pairs.appendIfPresent("source", source)
            pairs.appendIfPresent("signature", signature)
            pairs.appendIfPresent("reduceOnly", reduceOnly.map(WireBool.planText))
        case .flat:
            pairs.append(("decision", decision.rawValue))
            pairs.append(("symbol", symbol))
            pairs.appendIfPresent("action", action)
            pairs.appendIfPresent("side", side)
            pairs.appendIfPresent("type", orderType)
            pairs.appendIfPresent("qty", qty.map(WireDecimal.format))
            pairs.appendIfPresent("close_qty", closeQty.map(WireDecimal.format))
            pairs.appendIfPresent("reduceOnly", reduceOnly.map(WireBool.planText))
            pairs.appendIfPresent("kill_score", killScore.map(WireFloat.repr))
            pairs.appendIfPresent("source", source)
            pairs.appendIfPresent("signature", signature)
            pairs.appendIfPresent("reason", reason)
        }
        pairs.append(("timestamp", WireTimestamp.text(seconds: timestamp)))
        return pairs
    }
}
