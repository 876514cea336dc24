import Foundation

extension ExchangeEngine {
    /// A LIMIT order's price and time in force, checked (`-1102`, `-1111`, `-5022` for a
    /// post-only order that would take), and whether it can fill at once.
    func validatedLimit(_ request: OrderRequest, spec: SymbolSpec, side: TradeSide, mark: Decimal)
        throws(ExchangeRejection) -> (price: Decimal, timeInForce: String, marketable: Bool)
    {
        guard let tif = request.timeInForce?.uppercased() else { throw .mandatory("timeInForce") }
        guard ["GTC", "IOC", "FOK", "GTX", "GTD"].contains(tif) else {
            throw ExchangeRejection(code: -1115, "Invalid timeInForce.")
        }
        guard let text = request.price, let price = Decimal(exchangeString: text), price > 0 else {
            throw .mandatory("price")
        }
        guard price.isMultiple(of: spec.tickSize) else { throw .badPrecision }
        guard price >= spec.minPrice, price <= spec.maxPrice else {
            throw ExchangeRejection(code: -4014, "Price not increased by tick size.")
        }
        let marketable = side == .buy ? price >= mark : price <= mark
        if marketable && tif == "GTX" {
            throw ExchangeRejection(
                code: -5022, "Due to the order could not be executed as maker, the Post Only order will be rejected.")
        }
        return (price, tif, marketable)
    }

    /// Fills resting LIMIT orders the mark has reached, at their price with the maker fee.
    /// A reduce-only order that no longer reduces the position expires instead.
    func checkRestingOrders(at time: Int64) {
        for position in account.openOrderPositions {
            var order = account.orders[position]
            let mark = mark(order.symbol)
            let reached = order.side == .buy ? mark <= order.price : mark >= order.price
            guard reached else { continue }
            if order.reduceOnly {
                do {
                    try checkReduceOnly(symbol: order.symbol, side: order.side, quantity: order.origQty)
                } catch {
                    account.updateOrder(at: position) { resting in
                        resting.status = "EXPIRED"
                        resting.updateTime = time
                    }
                    touch(time)
                    continue
                }
            }
            fill(&order, quantity: order.origQty, at: time, makerPrice: order.price)
            account.updateOrder(at: position) { $0 = order }
            logger.info("limit order filled", metadata: ["order.id": "\(order.orderId)", "price": "\(order.price)"])
        }
    }
}
