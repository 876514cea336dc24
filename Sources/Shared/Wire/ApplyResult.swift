import FoundationEssentials

/// A message on `quantum:stream:apply.result`: the answer to one plan (wire.md "Result").
///
/// ``encode()`` writes the applylayer's own results; ``init(fields:)`` (in
/// `ApplyResult+Decoding.swift`) reads every variant the Python writers left on the stream.
///
/// - Important: The encoder never writes a top-level `qty` or `price` (the Python harvest brain
///   would book a FILLED result with `qty` as a new position). Fills are `filled_qty` / `avg_price`.
package struct ApplyResult: Sendable, Equatable {
    /// `nil` only for decoded legacy events that had none.
    package var planID: String?
    package var symbol: String
    package var action: String?
    package var decision: PlanDecision?
    /// `True` only when an order filled.
    package var executed: Bool
    /// `True` when the plan passed every gate (also in `dry_run`).
    package var wouldExecute: Bool
    /// `True` for closes.
    package var reduceOnly: Bool
    /// Empty on success, else one code (e.g. `no_position`, `exchange_rejected:-2022`).
    package var error: String
    /// Order side `BUY` / `SELL`, when an order was sent.
    package var side: String?
    package var closePct: Decimal?
    package var closeQty: Decimal?
    package var filledQty: Decimal?
    package var avgPrice: Decimal?
    package var orderID: String?
    package var clientOrderID: String?
    /// Final exchange order status, e.g. `FILLED` (as received when decoded).
    package var status: String?
    package var realizedPnl: Decimal?
    package var commission: Decimal?
    package var commissionAsset: String?
    package var positionSide: String?
    package var positionQtyBefore: Decimal?
    package var positionQtyAfter: Decimal?
    package var entryPrice: Decimal?
    package var stepsResults: [StepResult]
    package var source: String
    /// Epoch seconds of the result.
    package var timestamp: Double

    package init(
        planID: String?, symbol: String, action: String?, decision: PlanDecision?, executed: Bool = false,
        wouldExecute: Bool = false, reduceOnly: Bool = false, error: String = "", side: String? = nil,
        closePct: Decimal? = nil, closeQty: Decimal? = nil, filledQty: Decimal? = nil, avgPrice: Decimal? = nil,
        orderID: String? = nil, clientOrderID: String? = nil, status: String? = nil, realizedPnl: Decimal? = nil,
        commission: Decimal? = nil, commissionAsset: String? = nil, positionSide: String? = nil,
        positionQtyBefore: Decimal? = nil, positionQtyAfter: Decimal? = nil, entryPrice: Decimal? = nil,
        stepsResults: [StepResult] = [], source: String = "applylayer", timestamp: Double
    ) {
        self.planID = planID
        self.symbol = symbol
        self.action = action
        self.decision = decision
        self.executed = executed
        self.wouldExecute = wouldExecute
        self.reduceOnly = reduceOnly
        self.error = error
        self.side = side
        self.closePct = closePct
        self.closeQty = closeQty
        self.filledQty = filledQty
        self.avgPrice = avgPrice
        self.orderID = orderID
        self.clientOrderID = clientOrderID
        self.status = status
        self.realizedPnl = realizedPnl
        self.commission = commission
        self.commissionAsset = commissionAsset
        self.positionSide = positionSide
        self.positionQtyBefore = positionQtyBefore
        self.positionQtyAfter = positionQtyAfter
        self.entryPrice = entryPrice
        self.stepsResults = stepsResults
        self.source = source
        self.timestamp = timestamp
    }

    /// The code part of ``error``: the text before the first `:` (`execution_failed`,
    /// `exchange_rejected`), or the whole error when it has none; empty on success.
    package var errorCode: String {
        guard let colon = error.firstIndex(of: ":") else { return error }
        return error[..<colon].trimmingSpaces
    }

    /// True when an order filled a positive quantity.
    package var isFill: Bool {
        guard executed, let filled = filledQty else { return false }
        // `filled > 0` without Decimal's comparison (which aligns both operands first): the same
        // answer for every value that is not NaN.
        return filled.isNaN ? filled > 0 : !filled.isZero && filled.sign == .plus
    }

    /// The result as ordered apply.result fields.
    ///
    /// Booleans `True`/`False`; decimals as plain text; on an executed result `filled_qty`,
    /// `avg_price`, `realized_pnl` and `commission` are always numbers (`0` when unknown), and the
    /// last `steps_results` element is a fill element (added from these fields when missing).
    package func encode() -> WirePairs {
        let decimal = WireDecimal.format
        var pairs: WirePairs = [
            ("plan_id", planID ?? ""), ("symbol", symbol), ("action", action ?? ""),
            ("decision", decision?.rawValue ?? ""), ("executed", WireBool.resultText(executed)),
            ("would_execute", WireBool.resultText(wouldExecute)), ("reduceOnly", WireBool.resultText(reduceOnly)),
            ("error", error),
        ]
        pairs.appendIfPresent("side", side)
        pairs.appendIfPresent("close_pct", closePct.map(decimal))
        pairs.appendIfPresent("close_qty", closeQty.map(decimal))
        if executed {
            pairs.append(("filled_qty", decimal(filledQty ?? 0)))
            pairs.append(("avg_price", decimal(avgPrice ?? 0)))
        } else {
            pairs.appendIfPresent("filled_qty", filledQty.map(decimal))
            pairs.appendIfPresent("avg_price", avgPrice.map(decimal))
        }
        pairs.appendIfPresent("order_id", orderID)
        pairs.appendIfPresent("client_order_id", clientOrderID)
        pairs.appendIfPresent("status", status)
        if executed {
            pairs.append(("realized_pnl", decimal(realizedPnl ?? 0)))
            pairs.append(("commission", decimal(commission ?? 0)))
        } else {
            pairs.appendIfPresent("realized_pnl", realizedPnl.map(decimal))
            pairs.appendIfPresent("commission", commission.map(decimal))
        }
        pairs.appendIfPresent("commission_asset", commissionAsset)
        pairs.appendIfPresent("position_side", positionSide)
        pairs.appendIfPresent("position_qty_before", positionQtyBefore.map(decimal))
        pairs.appendIfPresent("position_qty_after", positionQtyAfter.map(decimal))
        pairs.appendIfPresent("entry_price", entryPrice.map(decimal))
        pairs.append(("steps_results", StepResult.encodeList(encodedSteps)))
        pairs.append(("source", source))
        pairs.append(("timestamp", WireTimestamp.text(seconds: timestamp)))
        return pairs
    }

    /// ``stepsResults``, with a fill element appended on an executed result whose last element
    /// does not carry the fill (the Python trade-history logger reads only the last element).
    private var encodedSteps: [StepResult] {
        guard executed, !(stepsResults.last?.isCompleteFill ?? false) else { return stepsResults }
        return stepsResults + [
            StepResult(
                step: reduceOnly ? "CLOSE" : "ENTRY", status: status ?? "FILLED", orderID: orderID ?? "0",
                executedQty: filledQty ?? 0, avgPrice: avgPrice ?? 0, side: side ?? "", reduceOnly: reduceOnly
            )
        ]
    }
}
