import Foundation

extension ExchangeEngine {
    /// The balance, positions, settings and marks now (no order or trade history).
    func snapshot() -> AccountSnapshot {
        let now = catchUp()
        var marks: [String: Decimal] = [:]
        for symbol in symbols { marks[symbol] = mark(symbol) }
        let active = symbols.filter { symbol in
            (account.positions[symbol]?.amount ?? 0) != 0 || account.hasOpenOrders(symbol: symbol)
        }
        return AccountSnapshot(
            walletBalance: account.walletBalance, updateTime: account.updateTime, positions: account.positions,
            leverage: account.leverage, marginType: account.marginType, activeSymbols: active, marks: marks,
            specs: specs, symbols: symbols, now: now)
    }

    /// Sets the leverage of `symbol` (1...the symbol's maximum, else `-4028`).
    func setLeverage(symbol: String?, leverage text: String?) throws(ExchangeRejection) -> (SymbolSpec, Int) {
        let now = catchUp()
        let spec = try spec(symbol)
        guard let text else { throw .mandatory("leverage") }
        guard let leverage = Int(text), (1...spec.maxLeverage).contains(leverage) else {
            throw .invalidLeverage(text)
        }
        account.leverage[spec.symbol] = leverage
        touch(now)
        saveIfNeeded()
        return (spec, leverage)
    }

    /// Sets ISOLATED or CROSSED (`-4046` when unchanged). Margin is always computed as cross.
    func setMarginType(symbol: String?, marginType text: String?) throws(ExchangeRejection) {
        let now = catchUp()
        let spec = try spec(symbol)
        guard let text, ["ISOLATED", "CROSSED"].contains(text.uppercased()) else { throw .mandatory("marginType") }
        let current = account.marginType[spec.symbol] ?? "CROSSED"
        guard current != text.uppercased() else { throw .marginTypeUnchanged }
        account.marginType[spec.symbol] = text.uppercased()
        touch(now)
        saveIfNeeded()
    }

    /// Simulated now without advancing (for `time`).
    func simulatedNow() -> Int64 { catchUp() }

    /// One-minute candles of `symbol` (closed ones plus the open one), oldest first.
    func minuteCandles(symbol: String?) throws(ExchangeRejection) -> (SymbolSpec, [Candle]) {
        catchUp()
        let spec = try spec(symbol)
        let market = markets[spec.symbol]!
        return (spec, market.candles + [market.openCandle])
    }

    /// Marks, funding rates and specs of all symbols, in exchangeInfo order.
    func marketSummary() -> (
        now: Int64, rows: [(spec: SymbolSpec, mark: Decimal, funding: Decimal, lastFunding: Int64)]
    ) {
        let now = catchUp()
        let rows = configuration.symbols.map { spec in
            (spec, mark(spec.symbol), fundingRate(spec.symbol), account.lastFundingTime)
        }
        return (now, rows)
    }
}
