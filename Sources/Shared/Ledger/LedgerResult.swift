import FoundationEssentials

/// One consumed `apply.result` entry, as the ledger records it.
package struct LedgerResult: Sendable, Equatable {
    /// Stream and entry id: the idempotency key of the result row.
    package var stream: String
    package var entryID: String
    package var planID: String?
    package var symbol: String?
    package var action: String?
    package var decision: String?
    package var executed: Bool
    package var reduceOnly: Bool
    /// The full error text, e.g. `execution_failed: Binance API error …`.
    package var error: String
    /// The code part of ``error`` (before `:`), e.g. `stale_plan`, `exchange_rejected`;
    /// `unspecified` for a result that was not executed and names no error.
    package var errorCode: String
    /// Who wrote the result (`applylayer`, `intent_executor`, …).
    package var producer: String?
    package var time: Date
    /// Every field as received, kept as JSON for audits.
    package var fields: [String: String]
    /// The order and its fills, when the result reports a filled quantity above zero.
    package var fill: LedgerFill?

    package init(
        stream: String, entryID: String, planID: String? = nil, symbol: String? = nil, action: String? = nil,
        decision: String? = nil, executed: Bool, reduceOnly: Bool = false, error: String = "", producer: String? = nil,
        time: Date, fields: [String: String] = [:], fill: LedgerFill? = nil
    ) {
        self.stream = stream
        self.entryID = entryID
        self.planID = planID
        self.symbol = symbol
        self.action = action
        self.decision = decision
        self.executed = executed
        self.reduceOnly = reduceOnly
        self.error = error
        let code = Self.code(of: error)
        self.errorCode = executed || !code.isEmpty ? code : "unspecified"
        self.producer = producer
        self.time = time
        self.fields = fields
        self.fill = fill
    }

    /// `stale_plan` → `stale_plan`; `execution_failed: …` → `execution_failed`; `dead_lettered:x` → `dead_lettered`.
    package static func code(of error: String) -> String {
        if error.isEmpty { return "" }
        let head = error.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        return head.trimmingSpaces
    }
}
