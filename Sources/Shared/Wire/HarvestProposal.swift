import FoundationEssentials

/// The hash `quantum:harvest:proposal:{SYMBOL}` exitbrain writes for the Python apply layer.
///
/// Scores are Python float reprs, a missing stop is the literal `None`, `computed_at_utc` is naive
/// ISO-8601 UTC with microseconds and `last_update_epoch` integer seconds. The Python apply layer
/// derives the exit plan id from this hash (``exitPlanID(symbol:)``), so `computedAtUTC` must stay
/// unchanged while the current plan for the symbol stands.
package struct HarvestProposal: Sendable, Equatable {
    /// `NONE`, `PARTIAL_25`, `PARTIAL_50`, `PARTIAL_75` or `FULL_CLOSE_PROPOSED`.
    package var harvestAction: String
    /// The proposed stop, `nil` when none (written `None`).
    package var newStopLoss: Double?
    package var rNet: Double
    package var riskUnit: Double
    package var costEst: Double
    package var killScore: Double
    package var reasonCodes: [String]
    package var kRegimeFlip: Double
    package var kSigmaSpike: Double
    package var kTsDrop: Double
    package var kAgePenalty: Double
    package var sigma: Double
    package var ts: Double
    package var pTrend: Double
    package var pMr: Double
    package var pChop: Double
    /// Naive ISO-8601 UTC text, e.g. `2026-02-03T15:42:39.123456` (see ``computedAtText(_:)``).
    package var computedAtUTC: String
    /// Integer epoch seconds of the last refresh.
    package var lastUpdateEpoch: Int
    package var positionSide: String
    package var positionAgeSec: Double
    package var positionCurrentPrice: Decimal
    package var positionEntryPrice: Decimal
    package var positionUnrealizedPnl: Decimal

    package init(
        harvestAction: String, newStopLoss: Double?, rNet: Double, riskUnit: Double, costEst: Double,
        killScore: Double, reasonCodes: [String], kRegimeFlip: Double, kSigmaSpike: Double, kTsDrop: Double,
        kAgePenalty: Double, sigma: Double, ts: Double, pTrend: Double, pMr: Double, pChop: Double,
        computedAtUTC: String, lastUpdateEpoch: Int, positionSide: String, positionAgeSec: Double,
        positionCurrentPrice: Decimal, positionEntryPrice: Decimal, positionUnrealizedPnl: Decimal
    ) {
        self.harvestAction = harvestAction
        self.newStopLoss = newStopLoss
        self.rNet = rNet
        self.riskUnit = riskUnit
        self.costEst = costEst
        self.killScore = killScore
        self.reasonCodes = reasonCodes
        self.kRegimeFlip = kRegimeFlip
        self.kSigmaSpike = kSigmaSpike
        self.kTsDrop = kTsDrop
        self.kAgePenalty = kAgePenalty
        self.sigma = sigma
        self.ts = ts
        self.pTrend = pTrend
        self.pMr = pMr
        self.pChop = pChop
        self.computedAtUTC = computedAtUTC
        self.lastUpdateEpoch = lastUpdateEpoch
        self.positionSide = positionSide
        self.positionAgeSec = positionAgeSec
        self.positionCurrentPrice = positionCurrentPrice
        self.positionEntryPrice = positionEntryPrice
        self.positionUnrealizedPnl = positionUnrealizedPnl
    }

    /// The hash fields in the publisher's order.
    package func encode() -> WirePairs {
        let repr = WireFloat.repr
        return [
            ("harvest_action", harvestAction), ("new_sl_proposed", newStopLoss.map(repr) ?? "None"),
            ("R_net", repr(rNet)), ("risk_unit", repr(riskUnit)), ("cost_est", repr(costEst)),
            ("kill_score", repr(killScore)), ("reason_codes", reasonCodes.joined(separator: ",")),
            ("k_regime_flip", repr(kRegimeFlip)), ("k_sigma_spike", repr(kSigmaSpike)), ("k_ts_drop", repr(kTsDrop)),
            ("k_age_penalty", repr(kAgePenalty)), ("sigma", repr(sigma)), ("ts", repr(ts)),
            ("p_trend", repr(pTrend)), ("p_mr", repr(pMr)), ("p_chop", repr(pChop)),
            ("computed_at_utc", computedAtUTC), ("last_update_epoch", String(lastUpdateEpoch)),
            ("position_side", positionSide), ("position_age_sec", repr(positionAgeSec)),
            ("position_current_price", WireDecimal.format(positionCurrentPrice)),
            ("position_entry_price", WireDecimal.format(positionEntryPrice)),
            ("position_unrealized_pnl", WireDecimal.format(positionUnrealizedPnl)),
        ]
    }

    /// Decodes a proposal hash. `harvest_action`, `kill_score`, `computed_at_utc` and
    /// `last_update_epoch` are required; other absent numbers read as 0 (as the Python reader).
    package init(fields: WireFields) throws(WireError) {
        harvestAction = try fields.requiredText("harvest_action", maximumLength: 64)
        newStopLoss = try fields.double("new_sl_proposed")
        guard let killScore = try fields.double("kill_score") else { throw WireError.missing("kill_score") }
        self.killScore = killScore
        rNet = try fields.double("R_net") ?? 0
        riskUnit = try fields.double("risk_unit") ?? 0
        costEst = try fields.double("cost_est") ?? 0
        reasonCodes = try fields.list("reason_codes")
        kRegimeFlip = try fields.double("k_regime_flip") ?? 0
        kSigmaSpike = try fields.double("k_sigma_spike") ?? 0
        kTsDrop = try fields.double("k_ts_drop") ?? 0
        kAgePenalty = try fields.double("k_age_penalty") ?? 0
        sigma = try fields.double("sigma") ?? 0
        ts = try fields.double("ts") ?? 0
        pTrend = try fields.double("p_trend") ?? 0
        pMr = try fields.double("p_mr") ?? 0
        pChop = try fields.double("p_chop") ?? 0
        computedAtUTC = try fields.requiredText("computed_at_utc", maximumLength: 64)
        lastUpdateEpoch = Int(try fields.requiredTimestamp("last_update_epoch"))
        positionSide = try fields.text("position_side", maximumLength: 16) ?? ""
        positionAgeSec = try fields.double("position_age_sec") ?? 0
        positionCurrentPrice = try fields.signedDecimal("position_current_price") ?? 0
        positionEntryPrice = try fields.signedDecimal("position_entry_price") ?? 0
        positionUnrealizedPnl = try fields.signedDecimal("position_unrealized_pnl") ?? 0
    }

    /// The plan id the Python apply layer derives from this proposal once written.
    package func exitPlanID(symbol: String) -> String {
        Self.exitPlanID(
            symbol: symbol, harvestAction: harvestAction, killScore: killScore,
            newStopLossText: newStopLoss.map(WireFloat.repr), computedAtUTC: computedAtUTC)
    }

    /// The exit plan id from a stored proposal hash, parsed back as the Python apply layer does
    /// (the calibrated `action` replaces `harvest_action` when `calibrated` is `1`).
    package static func exitPlanID(symbol: String, fields: WireFields) throws(WireError) -> String {
        var action = try fields.requiredText("harvest_action", maximumLength: 64)
        if fields["calibrated"] == "1", let calibrated = try fields.text("action", maximumLength: 64) {
            action = calibrated
        }
        guard let killScore = try fields.double("kill_score") else { throw WireError.missing("kill_score") }
        return exitPlanID(
            symbol: symbol, harvestAction: action, killScore: killScore,
            newStopLossText: try fields.text("new_sl_proposed", maximumLength: 64),
            computedAtUTC: try fields.requiredText("computed_at_utc", maximumLength: 64))
    }

    /// First 16 hex of SHA-256 of `{symbol}:{action}:{kill %.6f}:{repr(float(new_sl)) or None}:{computed_at}`.
    package static func exitPlanID(
        symbol: String, harvestAction: String, killScore: Double, newStopLossText: String?, computedAtUTC: String
    ) -> String {
        var newSL = "None"
        if let text = newStopLossText, text != "None",
            let value = try? WireFloat.parse(text, field: "new_sl_proposed")
        {
            newSL = WireFloat.repr(value)
        }
        let kill = WireFloat.fixed(killScore, decimals: 6)
        let material = "\(symbol):\(harvestAction):\(kill):\(newSL):\(computedAtUTC)"
        return String(Digest.sha256Hex(material).prefix(16))
    }

    /// Naive ISO-8601 UTC with microseconds, as Python's `datetime.utcnow().isoformat()` writes
    /// it (always with the fraction, e.g. `2026-02-03T15:42:39.123456`).
    package static func computedAtText(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        var whole = seconds.rounded(.down)
        var micros = Int(((seconds - whole) * 1_000_000).rounded())
        if micros >= 1_000_000 {
            whole += 1
            micros -= 1_000_000
        }
        let time = CivilTime(epochSeconds: Int64(whole))
        return CFormat.string(
            "%04d-%02d-%02dT%02d:%02d:%02d.%06d", time.year, time.month, time.day, time.hour, time.minute, time.second,
            micros)
    }
}
