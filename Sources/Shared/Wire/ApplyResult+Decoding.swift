import FoundationEssentials

extension ApplyResult {
    /// Decodes any apply.result variant on the stream, tolerantly.
    ///
    /// - Fields nested in a `details` JSON string (intent_executor) fill in absent top-level ones.
    /// - Booleans in any case (`True`, `true`, `1`); `executed`, `would_execute` and `reduceOnly`
    ///   (alias `reduce_only`) default to false.
    /// - `filled_qty`; else, when the result is executed or has a status, `qty`, `quantity` or
    ///   `executed_qty`; else the last `steps_results` element's `executed_qty`. `avg_price` and
    ///   `order_id` likewise fall back to that element; `status` has the alias `order_status`.
    /// - A legacy event without `plan_id` (the stale execution backlog) decodes with `planID` nil
    ///   so consumers can count and acknowledge it.
    /// - `symbol` and `timestamp` are required; malformed values throw ``WireError``.
    package init(fields raw: WireFields) throws(WireError) {
        let fields = try Self.mergingDetails(raw)
        planID = try fields.text("plan_id") == nil ? nil : try fields.planID()
        symbol = try fields.symbol()
        action = try fields.text("action", maximumLength: 64)
        decision = try fields.text("decision", maximumLength: 64).map(PlanDecision.init)
        executed = try fields.bool("executed") ?? false
        wouldExecute = try fields.bool("would_execute") ?? false
        var reduceOnly = try fields.bool("reduceOnly")
        if reduceOnly == nil { reduceOnly = try fields.bool("reduce_only") }
        self.reduceOnly = reduceOnly ?? false
        error = try fields.text("error", maximumLength: 4096) ?? ""
        side = try fields.text("side", maximumLength: 16)?.uppercased()
        closePct = try fields.nonNegativeDecimal("close_pct")
        closeQty = try fields.nonNegativeDecimal("close_qty")
        stepsResults = try StepResult.decodeList(fields.json("steps_results"))
        var status = try fields.text("status", maximumLength: 64)
        if status == nil { status = try fields.text("order_status", maximumLength: 64) }
        self.status = status
        var filled = try fields.nonNegativeDecimal("filled_qty")
        if filled == nil, executed || status != nil {
            // On an unanswered order these aliases would be the requested quantity, not a fill.
            filled = try Self.firstDecimal(fields, ["qty", "quantity", "executed_qty"])
        }
        filledQty = filled ?? stepsResults.last?.executedQty
        avgPrice = try Self.firstDecimal(fields, ["avg_price", "avgPrice"]) ?? stepsResults.last?.avgPrice
        orderID = try fields.text("order_id", maximumLength: 64) ?? stepsResults.last?.orderID
        clientOrderID = try fields.text("client_order_id", maximumLength: 64)
        realizedPnl = try fields.signedDecimal("realized_pnl")
        commission = try fields.signedDecimal("commission")
        commissionAsset = try fields.text("commission_asset", maximumLength: 16)
        positionSide = try fields.text("position_side", maximumLength: 16)?.uppercased()
        positionQtyBefore = try fields.signedDecimal("position_qty_before")
        positionQtyAfter = try fields.signedDecimal("position_qty_after")
        entryPrice = try fields.nonNegativeDecimal("entry_price")
        source = try fields.text("source", maximumLength: 128) ?? ""
        timestamp = try fields.requiredTimestamp("timestamp")
    }

    /// Decodes a result from a dictionary of fields.
    package init(fields: [String: String]) throws(WireError) {
        try self.init(fields: WireFields(fields))
    }

    private static func firstDecimal(_ fields: WireFields, _ names: [String]) throws(WireError) -> Decimal? {
        for name in names {
            if let value = try fields.nonNegativeDecimal(name) { return value }
        }
        return nil
    }

    /// `fields` with the scalar members of its `details` JSON object added where the top level
    /// has no (or an empty) value.
    private static func mergingDetails(_ fields: WireFields) throws(WireError) -> WireFields {
        guard let details = try fields.json("details") else { return fields }
        guard case .object(let members) = details else {
            throw WireError(field: "details", code: .notValidJSON, detail: "expected an object")
        }
        var values = fields.values
        for (key, value) in members where values[key]?.isEmpty ?? true {
            switch value {
            case .null: continue
            case .array, .object: values[key] = value.serialized
            default: values[key] = value.scalarText
            }
        }
        return WireFields(values)
    }
}
