import FoundationEssentials

/// One row of the exchange's income history, as reconcile compares and records it.
///
/// `amount` is signed as the exchange reports it: `COMMISSION` rows are negative (a cost),
/// `FUNDING_FEE` rows negative when paid and positive when received.
package struct IncomeRow: Sendable, Equatable {
    package var symbol: String
    /// `REALIZED_PNL`, `COMMISSION`, `FUNDING_FEE`, `TRANSFER`, ….
    package var incomeType: String
    package var amount: Decimal
    package var asset: String
    package var time: Date
    /// The exchange's transaction id: with the income type, the row's idempotency key.
    package var tranID: String
    /// The trade the row belongs to, when any.
    package var tradeID: String?

    package init(
        symbol: String, incomeType: String, amount: Decimal, asset: String, time: Date, tranID: String,
        tradeID: String? = nil
    ) {
        self.symbol = symbol
        self.incomeType = incomeType
        self.amount = amount
        self.asset = asset
        self.time = time
        self.tranID = tranID
        self.tradeID = tradeID
    }
}
