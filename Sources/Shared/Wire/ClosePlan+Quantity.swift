import FoundationEssentials

extension ClosePlan {
    /// How much of the position a close plan asks for, before the live position caps it.
    package enum CloseRequest: Sendable, Equatable {
        /// A percentage of the live position, 0 < percent ≤ 100.
        case percent(Decimal)
        /// An absolute base-asset quantity, > 0.
        case quantity(Decimal)
    }

    /// Actions (upper-cased) that make a plan a close plan.
    package static let closeActions: Set<String> = [
        "FULL_CLOSE_PROPOSED", "PARTIAL_CLOSE_PROPOSED", "PARTIAL_75", "PARTIAL_50", "PARTIAL_25",
        "FULL_CLOSE", "CLOSE",
    ]

    /// The percentage an action implies on its own (`PARTIAL_75` → 75, `FULL_CLOSE_PROPOSED` → 100);
    /// `nil` for actions that imply none (`PARTIAL_CLOSE_PROPOSED`, unknown).
    package static func impliedPercent(action: String) -> Decimal? {
        switch action.uppercased() {
        case "FULL_CLOSE_PROPOSED", "FULL_CLOSE", "CLOSE": 100
        case "PARTIAL_75": 75
        case "PARTIAL_50": 50
        case "PARTIAL_25": 25
        default: nil
        }
    }

    /// The requested close, by wire.md's quantity rule: the `pct` of the first `market_reduce_only`
    /// step; else the action's implied percentage; else `qty` (then `close_qty`) when > 0.
    ///
    /// - Important: A plan naming none of these is refused with
    ///   ``WireError/Code/closeQuantityUnspecified`` (result error `close_qty_unspecified`); it is
    ///   never closed 100 % by default.
    package func requestedClose() throws(WireError) -> CloseRequest {
        if let step = steps.first(where: { $0.type == PlanStep.marketReduceOnly }), let pct = step.pct {
            // pct is validated to 0 < pct <= 100 when steps are decoded; repr gives the exact text.
            if let percent = try? WireDecimal.parse(WireFloat.repr(pct), field: "steps.pct"), percent > 0,
                percent <= 100
            {
                return .percent(percent)
            }
            throw WireError(field: "steps.pct", code: .outOfRange, detail: WireFloat.repr(pct))
        }
        if let action, let percent = Self.impliedPercent(action: action) {
            return .percent(percent)
        }
        if let qty, qty > 0 { return .quantity(qty) }
        if let closeQty, closeQty > 0 { return .quantity(closeQty) }
        throw WireError(
            field: "qty", code: .closeQuantityUnspecified,
            detail: "no market_reduce_only step, no action percentage and no positive qty")
    }

    /// ``requestedClose()`` applied to a live position of `positionQty` (its magnitude):
    /// `positionQty × percent / 100`, or the requested quantity, capped at the position.
    /// Rounding to the step size and the minimum-remainder rule are the executor's.
    package func requestedQuantity(positionQty: Decimal) throws(WireError) -> Decimal {
        let live = positionQty < 0 ? -positionQty : positionQty
        switch try requestedClose() {
        case .percent(let percent): return percent >= 100 ? live : live * percent / 100
        case .quantity(let quantity): return min(quantity, live)
        }
    }

    /// The requested percentage for the result's `close_pct`: the plan's percentage, or the
    /// requested quantity as a share of `positionQty` to 6 places (100 when it covers the position).
    package func requestedPercent(positionQty: Decimal) throws(WireError) -> Decimal {
        let live = positionQty < 0 ? -positionQty : positionQty
        switch try requestedClose() {
        case .percent(let percent): return percent
        case .quantity(let quantity):
            guard live > 0 else { return 0 }
            if quantity >= live { return 100 }
            return (quantity * 100 / live).rounded(scale: 6, .plain)
        }
    }
}
