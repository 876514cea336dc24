import FoundationEssentials

/// The role of a USDⓈ-M futures venue as the daemons use it: Binance (live or testnet) or the
/// local `paperexchange`, which speaks the same protocol.
///
/// Every method throws ``ExchangeError``. State-changing calls that time out after sending throw
/// `.unknownOutcome`; use ``placeOrderIdempotent(_:)`` to place orders so that such an order is
/// looked up by its client id instead of being sent twice.
package protocol Exchange: Sendable {
    /// The exchange's clock, ms since the epoch (`GET /fapi/v1/time`).
    func serverTime() async throws(ExchangeError) -> Int64

    /// All symbols' filters (`GET /fapi/v1/exchangeInfo`), cached by the implementation.
    func exchangeInfo() async throws(ExchangeError) -> ExchangeInfo

    /// One symbol's filters; `.api` error `-1121` (invalid symbol) when unknown.
    func symbolFilters(_ symbol: String) async throws(ExchangeError) -> SymbolFilters

    /// Mark price and funding (`GET /fapi/v1/premiumIndex`).
    func markPrice(symbol: String) async throws(ExchangeError) -> MarkPrice

    /// Candles, oldest first (`GET /fapi/v1/klines`); the last one may still be open.
    func klines(symbol: String, interval: String, limit: Int, startTime: Int64?, endTime: Int64?)
        async throws(ExchangeError) -> [Kline]

    /// Position rows (`GET /fapi/v3/positionRisk`), for one symbol or all with a position.
    func positions(symbol: String?) async throws(ExchangeError) -> [PositionRisk]

    /// Futures wallet balances per asset (`GET /fapi/v3/balance`).
    func balances() async throws(ExchangeError) -> [AssetBalance]

    /// Sets the symbol's leverage (`POST /fapi/v1/leverage`).
    func setLeverage(symbol: String, leverage: Int) async throws(ExchangeError) -> LeverageSetting

    /// Sends a new order once (`POST /fapi/v1/order`, `newOrderRespType=RESULT`); never retried
    /// after it may have been sent.
    func newOrder(_ order: NewOrder) async throws(ExchangeError) -> ExchangeOrder

    /// Looks an order up (`GET /fapi/v1/order`); `.api` error `-2013` when it does not exist.
    func queryOrder(symbol: String, _ reference: OrderReference) async throws(ExchangeError) -> ExchangeOrder

    /// Cancels an open order (`DELETE /fapi/v1/order`); `-2011` when it is not open.
    func cancelOrder(symbol: String, _ reference: OrderReference) async throws(ExchangeError) -> ExchangeOrder

    /// The fills of one order (`GET /fapi/v1/userTrades?orderId=`).
    func userTrades(symbol: String, orderID: Int64) async throws(ExchangeError) -> [UserTrade]

    /// Income rows (`GET /fapi/v1/income`).
    func incomeHistory(_ query: IncomeQuery) async throws(ExchangeError) -> [IncomeRecord]

    /// Places a `STOP_MARKET` `closePosition=true` order (`POST /fapi/v1/algoOrder`).
    func placeStopClose(_ order: StopCloseOrder) async throws(ExchangeError) -> AlgoOrder

    /// Cancels an algo order (`DELETE /fapi/v1/algoOrder`).
    func cancelAlgoOrder(symbol: String, _ reference: AlgoOrderReference) async throws(ExchangeError) -> AlgoOrder

    /// Open algo orders (`GET /fapi/v1/openAlgoOrders`), for one symbol or all.
    func openAlgoOrders(symbol: String?) async throws(ExchangeError) -> [AlgoOrder]
}

extension Exchange {
    /// The latest `limit` candles.
    package func klines(symbol: String, interval: String, limit: Int) async throws(ExchangeError) -> [Kline] {
        try await klines(symbol: symbol, interval: interval, limit: limit, startTime: nil, endTime: nil)
    }

    /// The position row of `symbol` in one-way mode (`BOTH`), or nil when Binance lists none.
    package func position(symbol: String) async throws(ExchangeError) -> PositionRisk? {
        try await positions(symbol: symbol).first { $0.symbol == symbol && $0.positionSide == "BOTH" }
    }
}
