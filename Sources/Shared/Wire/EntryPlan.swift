import FoundationEssentials

/// A plan that opens a position: a MARKET order of `qty` on `side` (wire.md "Entry plan").
package struct EntryPlan: Sendable, Equatable {
    /// The order side of an entry: `BUY` opens LONG, `SELL` opens SHORT.
    package enum Side: String, Sendable, Hashable {
        case buy = "BUY"
        case sell = "SELL"
    }

    package var planID: String
    package var decision: PlanDecision
    package var symbol: String
    package var side: Side
    /// Base-asset quantity, > 0, before rounding down to the step size.
    package var qty: Decimal
    /// `type`; only `MARKET` is supported for entries (kept as sent so the executor can refuse others).
    package var orderType: String?
    /// `action` (`ENTRY_PROPOSED` when present).
    package var action: String?
    package var leverage: Decimal?
    package var stopLoss: Decimal?
    package var takeProfit: Decimal?
    package var atrValue: Decimal?
    package var volatilityFactor: Decimal?
    package var entryPrice: Decimal?
    package var source: String?
    package var signature: String?
    /// Epoch seconds.
    package var timestamp: Double

    package init(
        planID: String, decision: PlanDecision = .execute, symbol: String, side: Side, qty: Decimal,
        orderType: String? = "MARKET", action: String? = "ENTRY_PROPOSED", leverage: Decimal? = nil,
        stopLoss: Decimal? = nil, takeProfit: Decimal? = nil, atrValue: Decimal? = nil,
        volatilityFactor: Decimal? = nil, entryPrice: Decimal? = nil, source: String? = nil,
        signature: String? = nil, timestamp: Double
    ) {
        self.planID = planID
        self.decision = decision
        self.symbol = symbol
        self.side = side
        self.qty = qty
        self.orderType = orderType
        self.action = action
        self.leverage = leverage
        self.stopLoss = stopLoss
        self.takeProfit = takeProfit
        self.atrValue = atrValue
        self.volatilityFactor = volatilityFactor
        self.entryPrice = entryPrice
        self.source = source
        self.signature = signature
        self.timestamp = timestamp
    }

    /// Decodes an entry plan (the caller has already ruled out close and stop-update plans).
    package init(fields: WireFields) throws(WireError) {
        planID = try fields.planID()
        decision = PlanDecision(try fields.requiredText("decision", maximumLength: 64))
        symbol = try fields.symbol()
        let sideText = try fields.requiredText("side", maximumLength: 16)
        guard let side = Side(rawValue: sideText.uppercased()) else {
            throw WireError(field: "side", code: .unknownValue, detail: WireError.excerpt(sideText))
        }
        self.side = side
        guard let qty = try fields.nonNegativeDecimal("qty") else {
            throw fields["qty"] == nil ? .missing("qty") : WireError(field: "qty", code: .empty)
        }
        guard qty > 0 else { throw WireError(field: "qty", code: .outOfRange, detail: "must be > 0") }
        self.qty = qty
        orderType = try fields.text("type", maximumLength: 32)?.uppercased()
        action = try fields.text("action", maximumLength: 64)
        // A leverage, stop or take-profit of 0 means "none", never a level.
        let positive = { (value: Decimal?) -> Decimal? in value.flatMap { $0 > 0 ? $0 : nil } }
        leverage = positive(try fields.nonNegativeDecimal("leverage"))
        stopLoss = positive(try fields.nonNegativeDecimal("stop_loss"))
        takeProfit = positive(try fields.nonNegativeDecimal("take_profit"))
        atrValue = try fields.nonNegativeDecimal("atr_value")
        volatilityFactor = try fields.nonNegativeDecimal("volatility_factor")
        entryPrice = try fields.nonNegativeDecimal("entry_price")
        source = try fields.text("source", maximumLength: 128)
        signature = try fields.text("signature", maximumLength: 256)
        timestamp = try fields.requiredTimestamp("timestamp")
    }

    /// The plan as apply.plan fields, in the order intent_bridge writes them (`reduceOnly=false`).
    package func encode() -> WirePairs {
        var pairs: WirePairs = [
            ("plan_id", planID), ("decision", decision.rawValue), ("symbol", symbol), ("side", side.rawValue),
        ]
        pairs.appendIfPresent("type", orderType)
        pairs.append(("qty", WireDecimal.format(qty)))
        pairs.append(("reduceOnly", WireBool.planText(false)))
        pairs.appendIfPresent("action", action)
        pairs.appendIfPresent("source", source)
        pairs.appendIfPresent("signature", signature)
        pairs.append(("timestamp", WireTimestamp.text(seconds: timestamp)))
        pairs.appendIfPresent("leverage", leverage.map(WireDecimal.format))
        pairs.appendIfPresent("stop_loss", stopLoss.map(WireDecimal.format))
        pairs.appendIfPresent("take_profit", takeProfit.map(WireDecimal.format))
        pairs.appendIfPresent("atr_value", atrValue.map(WireDecimal.format))
        pairs.appendIfPresent("volatility_factor", volatilityFactor.map(WireDecimal.format))
        pairs.appendIfPresent("entry_price", entryPrice.map(WireDecimal.format))
        return pairs
    }
}
