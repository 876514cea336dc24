import Foundation

extension ExchangeEngine {
    /// Places a MARKET order (filled at once at the mark ± slippage) or a LIMIT order (filled at
    /// once when marketable, else resting until the mark reaches its price), or throws Binance's
    /// rejection. A MARKET order is stored FILLED whatever response type the caller asked for.
    ///
    /// - Important: a `newClientOrderId` is refused (`-4116`) only while an order with that id
    ///   is open (a resting LIMIT order), as on Binance; reusing the id of a FILLED order is
    ///   accepted and creates a new order, and a query by that id then answers the newest one.
    func placeOrder(_ request: OrderRequest) throws(ExchangeRejection) -> PaperOrder {
        let now = catchUp()
        let spec = try spec(request.symbol)
        guard let sideText = request.side else { throw .mandatory("side") }
        guard let side = TradeSide(rawValue: sideText.uppercased()) else { throw .invalidSide }
        guard let type = request.type?.uppercased() else { throw .mandatory("type") }
        if let positionSide = request.positionSide, positionSide.uppercased() != "BOTH" {
            throw .positionSideMismatch
        }
        switch type {
        case "MARKET", "LIMIT": break
        case "STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET":
            throw .useAlgoEndpoints
        default: throw .invalidOrderType
        }
        let isLimit = type == "LIMIT"
        let clientOrderId = try Self.validatedClientID(request.clientOrderId)
        if account.hasOpenOrder(clientOrderId: clientOrderId) { throw .duplicateClientOrderID }
        let quantity = try Self.validatedQuantity(request.quantity, step: isLimit ? spec.stepSize : spec.marketStepSize)
        guard quantity >= spec.minQty else { throw .quantityBelowMinimum }
        guard quantity <= (isLimit ? spec.maxQty : spec.marketMaxQty) else { throw .quantityAboveMaximum }
        let mark = mark(spec.symbol)
        let limit = isLimit ? try validatedLimit(request, spec: spec, side: side, mark: mark) : nil
        let reference = limit?.price ?? mark
        if request.reduceOnly {
            try checkReduceOnly(symbol: spec.symbol, side: side, quantity: quantity)
        } else {
            if quantity * reference < spec.minNotional { throw .minNotional(spec.minNotional.compact) }
            try checkMargin(symbol: spec.symbol, side: side, quantity: quantity, mark: reference)
        }
        var order = PaperOrder(
            orderId: account.nextOrderId, symbol: spec.symbol, clientOrderId: clientOrderId, side: side, type: type,
            origType: type, origQty: quantity, reduceOnly: request.reduceOnly, price: limit?.price ?? 0,
            timeInForce: limit?.timeInForce ?? "GTC", time: now, updateTime: now)
        account.nextOrderId += 1
        if let limit, !limit.marketable {
            order.status = limit.timeInForce == "IOC" || limit.timeInForce == "FOK" ? "EXPIRED" : "NEW"
        } else {
            fill(&order, quantity: quantity, at: now)
        }
        account.appendOrder(order)
        touch(now)
        saveIfNeeded()
        // Debug, like "request answered": the client's own answer (and allOrders, userTrades)
        // says the same, and at info this line was ≈ 5 % of the CPU per close (a timestamp, a
        // stat of /etc/localtime and a write to stderr per order). Fills and triggers that
        // happen on their own stay at info.
        logger.debug(
            "order placed",
            metadata: [
                "symbol": "\(order.symbol)", "side": "\(side.rawValue)", "type": "\(type)", "qty": "\(quantity)",
                "status": "\(order.status)", "price": "\(order.avgPrice)", "order.id": "\(order.orderId)",
            ])
        return order
    }

    /// `-2022` unless the order only reduces the position (in one-way mode).
    func checkReduceOnly(symbol: String, side: TradeSide, quantity: Decimal) throws(ExchangeRejection) {
        let position = account.positions[symbol]?.amount ?? 0
        guard position != 0, position.sign != side.sign.sign, quantity <= abs(position) else {
            throw .reduceOnlyRejected
        }
    }

    /// Fills `order` for `quantity` at simulated `time`: as a taker at the mark ± slippage
    /// (never worse than a LIMIT order's price), or with `makerPrice` as a maker.
    func fill(_ order: inout PaperOrder, quantity: Decimal, at time: Int64, makerPrice: Decimal? = nil) {
        let spec = markets[order.symbol]!.spec
        var price = makerPrice ?? fillPrice(symbol: order.symbol, side: order.side)
        if makerPrice == nil, order.price > 0 {
            price = order.side == .buy ? min(price, order.price) : max(price, order.price)
        }
        let trade = applyFill(
            symbol: order.symbol, side: order.side, quantity: quantity, price: price,
            orderId: order.orderId, time: time, maker: makerPrice != nil)
        order.executedQty = quantity
        order.cumQuote = trade.quoteQty
        order.avgPrice = price.rounded(scale: spec.priceScale)
        order.status = "FILLED"
        order.updateTime = time
    }

    /// The mark moved by the slippage against the taker, on the tick.
    func fillPrice(symbol: String, side: TradeSide) -> Decimal {
        let spec = markets[symbol]!.spec
        let mark = mark(symbol)
        let moved = mark * (1 + side.sign * slippageRate)
        let rounded = moved.rounded(toMultipleOf: spec.tickSize, side == .buy ? .up : .down)
        return max(rounded, spec.tickSize)
    }

    /// The order with `orderId` or (newest) `clientOrderId` on `symbol`, or `-2013`.
    func findOrder(symbol: String?, orderId: Int64?, clientOrderId: String?) throws(ExchangeRejection) -> PaperOrder {
        guard let position = try orderPosition(symbol: symbol, orderId: orderId, clientOrderId: clientOrderId) else {
            throw .noSuchOrder
        }
        return account.orders[position]
    }

    /// Cancels an open order; a filled or unknown one gives `-2011`.
    func cancelOrder(symbol: String?, orderId: Int64?, clientOrderId: String?) throws(ExchangeRejection) -> PaperOrder {
        guard let position = try orderPosition(symbol: symbol, orderId: orderId, clientOrderId: clientOrderId),
            account.orders[position].isOpen
        else { throw .unknownOrder }
        let now = clock.now()
        let cancelled = account.updateOrder(at: position) { order in
            order.status = "CANCELED"
            order.updateTime = now
        }
        touch(now)
        return cancelled
    }

    /// Where the order a query or cancel names is (nil if nowhere), after catching up; `-1121`
    /// for an unknown symbol, `-1102` when neither id is given.
    private func orderPosition(symbol: String?, orderId: Int64?, clientOrderId: String?)
        throws(ExchangeRejection) -> Int?
    {
        catchUp()
        let spec = try spec(symbol)
        guard orderId != nil || clientOrderId != nil else {
            throw ExchangeRejection(code: -1102, "Either orderId or origClientOrderId must be sent.")
        }
        return account.orderPosition(symbol: spec.symbol, orderId: orderId, clientOrderId: clientOrderId)
    }

    /// Open orders, optionally of one symbol (MARKET orders never rest, so this is usually empty).
    func openOrders(symbol: String?) throws(ExchangeRejection) -> [PaperOrder] {
        catchUp()
        let wanted = try symbol.map { (s: String) throws(ExchangeRejection) in try spec(s).symbol }
        return account.openOrderPositions.map { account.orders[$0] }.filter { wanted == nil || $0.symbol == wanted }
    }

    /// The newest `limit` orders of the listed `symbol`, oldest first (`allOrders`).
    func allOrders(symbol: String, limit: Int) -> [PaperOrder] {
        catchUp()
        return account.latestOrders(symbol: symbol, limit: limit)
    }

    /// Rejects an increase of exposure the account cannot margin (`-2019`).
    func checkMargin(symbol: String, side: TradeSide, quantity: Decimal, mark: Decimal) throws(ExchangeRejection) {
        let current = account.positions[symbol]?.amount ?? 0
        let after = current + side.sign * quantity
        let increase = max(0, abs(after) - abs(current))
        guard increase > 0 else { return }
        var used: Decimal = 0
        var unrealized: Decimal = 0
        for (sym, position) in account.positions where position.amount != 0 {
            let m = self.mark(sym)
            used += abs(position.amount) * m / Decimal(account.leverage(of: sym))
            unrealized += position.unrealized(at: m)
        }
        let available = account.walletBalance + unrealized - used
        let needed =
            increase * mark / Decimal(account.leverage(of: symbol))
            + quantity * mark * takerFeeRate
        if needed > available { throw .marginInsufficient }
    }

    /// A client id as sent (checked against Binance's pattern, `^[\.A-Z\:/a-z0-9_-]{1,36}$`:
    /// `-4015` when longer, `-1100` for other characters), or a fresh 22-character one.
    static func validatedClientID(_ id: String?, name: String = "newClientOrderId") throws(ExchangeRejection) -> String
    {
        guard let id, !id.isEmpty else { return generatedClientID() }
        // Allowed characters are single bytes, so the byte count is the character count.
        let allowed = id.utf8.allSatisfy(isClientIDByte)
        guard (allowed ? id.utf8.count : id.count) <= 36 else { throw .invalidClientOrderID }
        guard allowed else { throw .illegalCharacters(name) }
        return id
    }

    private static func isClientIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "/"),
            UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    private static let clientIDAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    static func generatedClientID() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<22).map { _ in clientIDAlphabet.randomElement(using: &generator)! })
    }

    /// A positive quantity that is a multiple of `step` (`-1111` otherwise).
    static func validatedQuantity(_ text: String?, step: Decimal, name: String = "quantity") throws(ExchangeRejection)
        -> Decimal
    {
        guard let text, !text.isEmpty else { throw .mandatory(name) }
        guard let quantity = Decimal(exchangeString: text) else { throw .mandatory(name) }
        guard quantity > 0 else { throw .quantityNotPositive }
        guard quantity.isMultiple(of: step) else { throw .badPrecision }
        return quantity
    }
}
