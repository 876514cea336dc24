import FoundationEssentials

/// One row of income history (`GET /fapi/v1/income`): realized PnL, commission, funding, ….
///
/// `income` is signed as Binance reports it (commissions are negative here).
package struct IncomeRecord: Sendable, Hashable {
    package var symbol: String
    /// `REALIZED_PNL`, `COMMISSION`, `FUNDING_FEE`, `TRANSFER`, ….
    package var incomeType: String
    package var income: Decimal
    package var asset: String
    package var info: String
    /// ms since the epoch.
    package var time: Int64
    package var transactionID: Int64
    /// The trade id as text ("" when none).
    package var tradeID: String

    package init(
        symbol: String, incomeType: String, income: Decimal, asset: String, info: String = "",
        time: Int64, transactionID: Int64, tradeID: String = ""
    ) {
        self.symbol = symbol
        self.incomeType = incomeType
        self.income = income
        self.asset = asset
        self.info = info
        self.time = time
        self.transactionID = transactionID
        self.tradeID = tradeID
    }
}
