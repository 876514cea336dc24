import FoundationEssentials

/// A protective stop that closes the whole position: `STOP_MARKET`, `closePosition=true`.
///
/// For a long the side is `SELL` and it fires when the mark falls to `triggerPrice`; for a short
/// `BUY`, firing when the mark rises to it. `triggerPrice` must be on the symbol's tick.
package struct StopCloseOrder: Sendable, Hashable {
    package var symbol: String
    package var side: OrderSide
    package var triggerPrice: Decimal
    /// `clientAlgoId`; must satisfy ``ClientOrderID/isValid(_:)``.
    package var clientAlgoID: String
    /// `MARK_PRICE` (default) or `CONTRACT_PRICE`.
    package var workingType: String
    /// `LONG`/`SHORT` in hedge mode; nil in one-way mode.
    package var positionSide: String?

    package init(
        symbol: String, side: OrderSide, triggerPrice: Decimal, clientAlgoID: String,
        workingType: String = "MARK_PRICE", positionSide: String? = nil
    ) {
        self.symbol = symbol
        self.side = side
        self.triggerPrice = triggerPrice
        self.clientAlgoID = clientAlgoID
        self.workingType = workingType
        self.positionSide = positionSide
    }
}
