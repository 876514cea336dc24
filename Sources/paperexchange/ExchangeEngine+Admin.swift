import Foundation

extension ExchangeEngine {
    /// Admin: moves `symbol`'s price now; open algo orders are checked against it at once.
    func adminSetPrice(symbol: String?, price text: String?) throws(ExchangeRejection) -> Decimal {
        let now = catchUp()
        let spec = try spec(symbol)
        guard let text, let price = Decimal(exchangeString: text), price > 0 else { throw .mandatory("price") }
        markets[spec.symbol]!.setPrice(price.rounded(toMultipleOf: spec.tickSize))
        checkAlgoTriggers(at: now)
        checkRestingOrders(at: now)
        dirty = true
        saveIfNeeded()
        logger.info("admin set price", metadata: ["symbol": "\(spec.symbol)", "price": "\(mark(spec.symbol))"])
        return mark(spec.symbol)
    }

    /// Admin: advances simulated time by `seconds` (at most 30 days), running the markets,
    /// funding and triggers through it.
    func adminAdvance(seconds text: String?) throws(ExchangeRejection) -> Int64 {
        guard let text, let seconds = Int64(text), seconds >= 0, seconds <= 30 * 86_400 else {
            throw .mandatory("seconds")
        }
        clock.advance(by: seconds * 1000)
        let now = catchUp()
        logger.info("admin advanced clock", metadata: ["seconds": "\(seconds)"])
        return now
    }

    /// Admin: wipes the account back to the starting balance (markets keep running).
    func adminReset() -> Int64 {
        let now = catchUp()
        account = AccountState(walletBalance: configuration.startingBalance, now: now)
        account.lastFundingTime = now / Self.fundingInterval * Self.fundingInterval
        dirty = true
        saveIfNeeded()
        logger.info("admin reset the account")
        return now
    }
}
