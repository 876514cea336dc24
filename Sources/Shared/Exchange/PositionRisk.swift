import FoundationEssentials

/// One position row from `GET /fapi/v3/positionRisk` (v2 rows parse too).
///
/// `positionAmount` is signed: > 0 long, < 0 short, 0 flat.
package struct PositionRisk: Sendable, Hashable {
    package var symbol: String
    /// `BOTH` in one-way mode; `LONG`/`SHORT` in hedge mode.
    package var positionSide: String
    package var positionAmount: Decimal
    package var entryPrice: Decimal
    package var breakEvenPrice: Decimal?
    package var markPrice: Decimal
    package var unrealizedProfit: Decimal
    package var liquidationPrice: Decimal
    package var notional: Decimal
    /// Present in v2 rows only.
    package var leverage: Int?
    /// `isolated`/`cross`, v2 rows only.
    package var marginType: String?
    /// ms since the epoch; 0 if never traded.
    package var updateTime: Int64

    package init(
        symbol: String, positionSide: String = "BOTH", positionAmount: Decimal, entryPrice: Decimal,
        breakEvenPrice: Decimal? = nil, markPrice: Decimal, unrealizedProfit: Decimal = 0,
        liquidationPrice: Decimal = 0, notional: Decimal = 0, leverage: Int? = nil,
        marginType: String? = nil, updateTime: Int64 = 0
    ) {
        self.symbol = symbol
        self.positionSide = positionSide
        self.positionAmount = positionAmount
        self.entryPrice = entryPrice
        self.breakEvenPrice = breakEvenPrice
        self.markPrice = markPrice
        self.unrealizedProfit = unrealizedProfit
        self.liquidationPrice = liquidationPrice
        self.notional = notional
        self.leverage = leverage
        self.marginType = marginType
        self.updateTime = updateTime
    }

    /// The side of an order that closes this position, or nil when flat.
    package var closingSide: OrderSide? {
        if positionAmount > 0 { return .sell }
        if positionAmount < 0 { return .buy }
        return nil
    }
}
