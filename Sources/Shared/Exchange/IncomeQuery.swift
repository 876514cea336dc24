/// Filters for ``Exchange/incomeHistory(_:)``; nil fields are not sent.
package struct IncomeQuery: Sendable, Hashable {
    package var symbol: String?
    package var incomeType: String?
    /// ms since the epoch.
    package var startTime: Int64?
    /// ms since the epoch.
    package var endTime: Int64?
    /// 1…1000 (Binance's default 100).
    package var limit: Int?

    package init(
        symbol: String? = nil, incomeType: String? = nil, startTime: Int64? = nil, endTime: Int64? = nil,
        limit: Int? = nil
    ) {
        self.symbol = symbol
        self.incomeType = incomeType
        self.startTime = startTime
        self.endTime = endTime
        self.limit = limit
    }
}
