import FoundationEssentials

/// One element of a plan's `steps` JSON list.
///
/// Close steps look like `{"step": "CLOSE_FULL", "type": "market_reduce_only", "side": "close",
/// "pct": 100.0}` (partials `CLOSE_PARTIAL_75` / `_50` / `_25`); a stop update is
/// `{"step": "UPDATE_SL", "type": "stop_loss_order", "side": "close", "price": 50.15}`.
package struct PlanStep: Sendable, Equatable {
    /// The `type` of a reduce-only market close step.
    package static let marketReduceOnly = "market_reduce_only"
    /// The `type` of a stop-loss update step.
    package static let stopLossOrder = "stop_loss_order"

    /// The step name, e.g. `CLOSE_FULL`, `CLOSE_PARTIAL_75`, `UPDATE_SL`.
    package var step: String
    /// The step type, e.g. ``marketReduceOnly`` or ``stopLossOrder``.
    package var type: String
    /// Always `close` in the Python producers.
    package var side: String?
    /// Percentage of the position to close (0 < pct ≤ 100), for close steps.
    package var pct: Double?
    /// The stop price, for ``stopLossOrder`` steps.
    package var price: Decimal?

    package init(step: String, type: String, side: String? = "close", pct: Double? = nil, price: Decimal? = nil) {
        self.step = step
        self.type = type
        self.side = side
        self.pct = pct
        self.price = price
    }

    /// The close step the Python apply layer wrote for `percent` (100 → `CLOSE_FULL`, 75 → `CLOSE_PARTIAL_75`).
    package static func close(percent: Double) -> PlanStep {
        let whole = percent.isFinite ? Int(min(max(percent, 0), 100).rounded()) : 0
        let name = percent >= 100 ? "CLOSE_FULL" : "CLOSE_PARTIAL_\(whole)"
        return PlanStep(step: name, type: marketReduceOnly, pct: percent)
    }

    /// The `UPDATE_SL` step moving the stop to `price`.
    package static func updateStopLoss(price: Decimal) -> PlanStep {
        PlanStep(step: "UPDATE_SL", type: stopLossOrder, price: price)
    }

    /// The step as a JSON object, keys in the Python order `step, type, side, pct, price`.
    package var json: WireJSON {
        var members: [(String, WireJSON)] = [("step", .string(step)), ("type", .string(type))]
        if let side { members.append(("side", .string(side))) }
        if let pct { members.append(("pct", .number(WireFloat.repr(pct)))) }
        if let price { members.append(("price", .number(WireDecimal.format(price)))) }
        return .object(members)
    }

    /// A list serialised as the Python services write `steps` (`[]` when empty).
    package static func encodeList(_ steps: [PlanStep]) -> String {
        WireJSON.array(steps.map(\.json)).serialized
    }

    /// Decodes a `steps` list; absent reads as empty. Malformed elements throw, naming `field`.
    package static func decodeList(_ json: WireJSON?, field: String = "steps") throws(WireError) -> [PlanStep] {
        guard let json else { return [] }
        guard case .array(let items) = json else {
            throw WireError(field: field, code: .notValidJSON, detail: "expected a list")
        }
        var steps: [PlanStep] = []
        for item in items {
            guard case .object = item else {
                throw WireError(field: field, code: .notValidJSON, detail: "expected a list of objects")
            }
            let pct = try item["pct"].flatMap(\.scalarText).map { (text) throws(WireError) in
                try WireFloat.parse(text, field: "\(field).pct")
            }
            if let pct, !(pct > 0 && pct <= 100) {
                throw WireError(field: "\(field).pct", code: .outOfRange, detail: WireFloat.repr(pct))
            }
            let price = try item["price"].flatMap(\.scalarText).flatMap { (text) throws(WireError) -> Decimal? in
                text == "None" || text.isEmpty ? nil : try WireDecimal.parseNonNegative(text, field: "\(field).price")
            }
            steps.append(
                PlanStep(
                    step: item["step"]?.scalarText ?? "",
                    type: item["type"]?.scalarText ?? "",
                    side: item["side"]?.scalarText,
                    pct: pct,
                    price: price
                )
            )
        }
        return steps
    }
}
