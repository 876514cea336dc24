import FoundationEssentials

/// Order types accepted by `POST /fapi/v1/order` (conditional types go to the algo endpoint).
package enum OrderType: String, Sendable, Hashable {
    case market = "MARKET"
    case limit = "LIMIT"
}

/// A new LIMIT or MARKET order, with the client order id the caller derived from its plan id.
///
/// `quantity` (and `price`) must already be rounded to the symbol's step (tick); see
/// ``SymbolFilters/prepareQuantity(_:type:referencePrice:reduceOnly:capToMaximum:)``.
/// The client always sends `newOrderRespType=RESULT`.
package struct NewOrder: Sendable, Hashable {
    package var symbol: String
    package var side: OrderSide
    package var type: OrderType
    package var quantity: Decimal
    /// LIMIT only.
    package var price: Decimal?
    /// LIMIT only; `GTC` when nil.
    package var timeInForce: String?
    package var reduceOnly: Bool
    /// `newClientOrderId`; must satisfy ``ClientOrderID/isValid(_:)``.
    package var clientOrderID: String
    /// `LONG`/`SHORT` in hedge mode; nil (one-way mode, `BOTH`) otherwise.
    package var positionSide: String?

    package init(
        symbol: String, side: OrderSide, type: OrderType = .market, quantity: Decimal,
        price: Decimal? = nil, timeInForce: String? = nil, reduceOnly: Bool = false,
        clientOrderID: String, positionSide: String? = nil
    ) {
        self.symbol = symbol
        self.side = side
        self.type = type
        self.quantity = quantity
        self.price = price
        self.timeInForce = timeInForce
        self.reduceOnly = reduceOnly
        self.clientOrderID = clientOrderID
        self.positionSide = positionSide
    }
}
