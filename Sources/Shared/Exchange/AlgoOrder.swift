import FoundationEssentials

/// A conditional order on Binance's algo service (`/fapi/v1/algoOrder`).
package struct AlgoOrder: Sendable, Hashable {
    package var algoID: Int64
    package var clientAlgoID: String
    package var symbol: String
    package var side: OrderSide
    /// `STOP_MARKET`, `TAKE_PROFIT_MARKET`, ….
    package var orderType: String
    /// `NEW`, `CANCELED`, `TRIGGERED`, `FINISHED`, ….
    package var status: String
    package var triggerPrice: Decimal
    package var closePosition: Bool
    package var reduceOnly: Bool
    /// `MARK_PRICE` or `CONTRACT_PRICE`.
    package var workingType: String
    package var positionSide: String
    /// ms since the epoch.
    package var createTime: Int64
    /// ms since the epoch.
    package var updateTime: Int64

    package init(
        algoID: Int64, clientAlgoID: String, symbol: String, side: OrderSide, orderType: String = "STOP_MARKET",
        status: String, triggerPrice: Decimal, closePosition: Bool = true, reduceOnly: Bool = false,
        workingType: String = "MARK_PRICE", positionSide: String = "BOTH", createTime: Int64 = 0, updateTime: Int64 = 0
    ) {
        self.algoID = algoID
        self.clientAlgoID = clientAlgoID
        self.symbol = symbol
        self.side = side
        self.orderType = orderType
        self.status = status
        self.triggerPrice = triggerPrice
        self.closePosition = closePosition
        self.reduceOnly = reduceOnly
        self.workingType = workingType
        self.positionSide = positionSide
        self.createTime = createTime
        self.updateTime = updateTime
    }
}
