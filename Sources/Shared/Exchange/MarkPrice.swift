import FoundationEssentials

/// Mark price and funding of one symbol (`GET /fapi/v1/premiumIndex?symbol=`).
package struct MarkPrice: Sendable, Hashable {
    package var symbol: String
    package var markPrice: Decimal
    package var indexPrice: Decimal?
    package var lastFundingRate: Decimal?
    /// ms since the epoch.
    package var nextFundingTime: Int64
    /// ms since the epoch.
    package var time: Int64

    package init(
        symbol: String, markPrice: Decimal, indexPrice: Decimal? = nil, lastFundingRate: Decimal? = nil,
        nextFundingTime: Int64 = 0, time: Int64 = 0
    ) {
        self.symbol = symbol
        self.markPrice = markPrice
        self.indexPrice = indexPrice
        self.lastFundingRate = lastFundingRate
        self.nextFundingTime = nextFundingTime
        self.time = time
    }
}
