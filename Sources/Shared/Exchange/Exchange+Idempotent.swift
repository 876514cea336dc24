extension Exchange {
    /// Places `order` at most once, keyed by its client order id, and confirms its fills.
    ///
    /// 1. With `lookUpFirst` (a redelivered plan), the order is first queried by client id and
    ///    returned as `.recovered` if it exists.
    /// 2. Otherwise it is sent once. If the outcome is unknown (timeout, lost connection or 5xx
    ///    after sending) or Binance answers `-4116` (client id already open), the order is queried
    ///    by client id (up to `lookups` times, `lookupDelay` apart) and returned as `.recovered`.
    /// 3. If it still cannot be found the error stays `.unknownOutcome`: the order is never sent
    ///    again blindly; the caller reports it and a redelivery looks it up first.
    ///
    /// Fills come from ``Exchange/userTrades(symbol:orderID:)``, re-read until they add up to the
    /// order's executed quantity (trades can lag the order by a moment).
    package func placeOrderIdempotent(
        _ order: NewOrder,
        lookUpFirst: Bool = false,
        lookups: Int = 4,
        lookupDelay: Duration = .milliseconds(500)
    ) async throws(ExchangeError) -> PlacedOrder {
        let reference = OrderReference.clientOrderID(order.clientOrderID)
        if lookUpFirst, let existing = try await findOrder(symbol: order.symbol, reference, attempts: 1, delay: .zero) {
            return try await confirmFills(existing, origin: .recovered)
        }
        do {
            let placed = try await newOrder(order)
            return try await confirmFills(placed, origin: .placed)
        } catch  where error.code == .unknownOutcome || error.isBinance(BinanceErrorCode.duplicateClientOrderID) {
            let original = error
            let found: ExchangeOrder?
            do {
                found = try await findOrder(symbol: order.symbol, reference, attempts: lookups, delay: lookupDelay)
            } catch {
                // The lookups failed too: the order may still exist. Never report that as "not sent".
                if original.code == .unknownOutcome, error.code == .transport || error.code == .rateLimited {
                    throw ExchangeError(
                        .unknownOutcome,
                        message: "order \(order.clientOrderID) outcome unknown; lookups failed: \(error.message)",
                        endpoint: original.endpoint)
                }
                throw error
            }
            if let existing = found {
                return try await confirmFills(existing, origin: .recovered)
            }
            if error.code == .unknownOutcome {
                throw ExchangeError(
                    .unknownOutcome,
                    message: "order \(order.clientOrderID) not found after \(lookups) lookups: \(error.message)",
                    endpoint: error.endpoint)
            }
            throw error
        }
    }

    /// The order named by `reference`, or nil when the exchange answers `-2013` on every attempt.
    /// Transport failures are retried within `attempts`; other errors are thrown.
    package func findOrder(
        symbol: String, _ reference: OrderReference, attempts: Int, delay: Duration
    ) async throws(ExchangeError) -> ExchangeOrder? {
        var lastError: ExchangeError?
        for attempt in 1...max(1, attempts) {
            if attempt > 1 { try await pause(delay) }
            do {
                return try await queryOrder(symbol: symbol, reference)
            } catch  where error.isBinance(BinanceErrorCode.noSuchOrder) {
                lastError = nil
            } catch  where error.code == .transport || error.code == .rateLimited {
                lastError = error
            }
        }
        if let lastError { throw lastError }
        return nil
    }

    /// `order` with its fills summed from userTrades, waiting briefly for lagging trades.
    package func confirmFills(
        _ order: ExchangeOrder, origin: PlacedOrder.Origin, attempts: Int = 4, delay: Duration = .milliseconds(250)
    ) async throws(ExchangeError) -> PlacedOrder {
        guard order.executedQuantity > 0 else {
            return PlacedOrder(order: order, fills: OrderFills(trades: []), origin: origin)
        }
        var fills = OrderFills(trades: [])
        for attempt in 1...max(1, attempts) {
            if attempt > 1 { try await pause(delay) }
            fills = OrderFills(trades: try await userTrades(symbol: order.symbol, orderID: order.orderID))
            if fills.quantity >= order.executedQuantity { break }
        }
        return PlacedOrder(order: order, fills: fills, origin: origin)
    }

    private func pause(_ delay: Duration) async throws(ExchangeError) {
        do {
            try await Task.sleep(for: delay)
        } catch {
            throw ExchangeError(.transport, message: "cancelled")
        }
    }
}
