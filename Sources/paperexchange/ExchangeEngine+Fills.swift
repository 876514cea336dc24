import Foundation

extension ExchangeEngine {
    /// Books one fill: position (entry averaged on increases, kept on reductions, reset to the
    /// fill price on a flip), realized PnL on the reducing part (pre-fee, `(exit − entry) × qty`
    /// signed by the position), taker commission truncated to 8 decimals, wallet and income.
    func applyFill(
        symbol: String, side: TradeSide, quantity: Decimal, price: Decimal, orderId: Int64, time: Int64,
        maker: Bool = false
    ) -> PaperTrade {
        var position = account.positions[symbol] ?? PaperPosition(symbol: symbol)
        let signed = side.sign * quantity
        var realized: Decimal = 0
        let before = position.amount
        let after = before + signed
        if before != 0, before.sign != signed.sign {
            let closing = min(quantity, abs(before))
            let direction: Decimal = before > 0 ? 1 : -1
            realized = ((price - position.entryPrice) * closing * direction).rounded(scale: 8)
            if after == 0 {
                position.entryPrice = 0
            } else if after.sign != before.sign {
                position.entryPrice = price
            }
        } else {
            let cost = abs(before) * position.entryPrice + quantity * price
            position.entryPrice = (cost / abs(after)).rounded(scale: 8)
        }
        position.amount = after
        position.accumulatedRealized += realized
        position.updateTime = time
        account.positions[symbol] = position

        let quote = price * quantity
        let commission = (quote * (maker ? makerFeeRate : takerFeeRate)).rounded(scale: 8, .down)
        let trade = PaperTrade(
            id: account.nextTradeId, orderId: orderId, symbol: symbol, side: side, price: price, qty: quantity,
            quoteQty: quote, realizedPnl: realized, commission: commission, maker: maker, time: time)
        account.nextTradeId += 1
        account.appendTrade(trade)
        account.walletBalance += realized - commission
        if realized != 0 {
            addIncome(symbol: symbol, type: "REALIZED_PNL", amount: realized, time: time, tradeId: "\(trade.id)")
        }
        if commission != 0 {
            addIncome(symbol: symbol, type: "COMMISSION", amount: -commission, time: time, tradeId: "\(trade.id)")
        }
        touch(time)
        return trade
    }

    func addIncome(symbol: String, type: String, amount: Decimal, time: Int64, tradeId: String) {
        account.income.append(
            IncomeEntry(
                tranId: account.nextTranId, symbol: symbol, incomeType: type, income: amount, info: type,
                time: time, tradeId: tradeId))
        account.nextTranId += 1
    }

    /// The funding rate of `symbol` now (from its market regime).
    func fundingRate(_ symbol: String) -> Decimal {
        guard let market = markets[symbol] else { return 0 }
        return Decimal(market.regime.fundingRate).rounded(scale: 8)
    }

    /// Settles funding at `boundary` (simulated ms): each open position pays (long, positive
    /// rate) or receives `amount × mark × rate`, booked as FUNDING_FEE income.
    func settleFunding(at boundary: Int64) {
        account.lastFundingTime = boundary
        for (symbol, position) in account.positions.sorted(by: { $0.key < $1.key }) where position.amount != 0 {
            let fee = (-(position.amount * mark(symbol) * fundingRate(symbol))).rounded(scale: 8)
            guard fee != 0 else { continue }
            account.walletBalance += fee
            addIncome(symbol: symbol, type: "FUNDING_FEE", amount: fee, time: boundary, tradeId: "")
            logger.info("funding settled", metadata: ["symbol": "\(symbol)", "income": "\(fee)"])
        }
        touch(boundary)
    }

    /// Trades of `symbol` (optionally one order's) in a time window, oldest first.
    func trades(symbol: String?, orderId: Int64?, start: Int64?, end: Int64?, limit: Int) throws(ExchangeRejection)
        -> [PaperTrade]
    {
        catchUp()
        let spec = try spec(symbol)
        return account.trades(symbol: spec.symbol, orderId: orderId, start: start, end: end, limit: limit)
    }

    /// Income rows filtered as `GET /fapi/v1/income` does, oldest first.
    func incomeHistory(symbol: String?, type: String?, start: Int64?, end: Int64?, limit: Int) -> [IncomeEntry] {
        catchUp()
        let symbol = symbol?.uppercased()
        let type = type?.uppercased()
        let rows = account.income.lazy.filter { row in
            (symbol.map { $0 == row.symbol } ?? true)
                && (type.map { $0 == row.incomeType } ?? true)
                && (start.map { row.time >= $0 } ?? true)
                && (end.map { row.time <= $0 } ?? true)
        }
        return Array(rows.prefix(limit))
    }
}
