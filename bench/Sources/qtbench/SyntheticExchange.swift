import Foundation
import Shared

/// An in-memory ``Exchange`` holding `count` open positions on synthetic symbols (`QTB0000USDT`…)
/// with 600 one-minute candles each, so exitbrain's evaluation cycle can run over 1,000 positions
/// (paperexchange lists five symbols). Only what `ExitEvaluator` calls is served: server time,
/// positions, klines; every other call throws. It counts the calls so a report can say how many
/// exchange requests a real cycle would make.
final class SyntheticExchange: Exchange, @unchecked Sendable {
    let symbols: [String]
    private let rows: [PositionRisk]
    private let candles: [String: [Kline]]
    private let lock = NSLock()
    private var calls: [String: Int] = [:]

    /// `count` positions; prices follow a seeded random walk per symbol.
    init(count: Int, seed: UInt64 = 7) {
        var generator = SeededGenerator(seed: seed)
        let minute: Int64 = 60_000
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let currentOpen = now / minute * minute
        var symbols: [String] = []
        var rows: [PositionRisk] = []
        var candles: [String: [Kline]] = [:]
        for index in 0..<count {
            let symbol = "QTB\(String(index).leftPadded(4))USDT"
            var price = 1 + generator.unit() * 999
            let volatility = 0.0005 + generator.unit() * 0.004
            var series: [Kline] = []
            series.reserveCapacity(600)
            for step in 0..<600 {
                let open = price
                price *= 1 + volatility * (generator.unit() * 2 - 1)
                let openTime = currentOpen - Int64(599 - step) * minute
                series.append(
                    Kline(
                        openTime: openTime, open: Self.decimal(open), high: Self.decimal(max(open, price)),
                        low: Self.decimal(min(open, price)), close: Self.decimal(price), volume: 100,
                        closeTime: openTime + minute - 1))
            }
            let entry = Self.double(series[300 + Int(generator.unit() * 250)].close)
            let mark = Self.double(series[598].close)
            let long = index % 2 == 0
            let amount = Decimal(long ? 10 : -10)
            let unrealized = (mark - entry) * (long ? 10 : -10)
            rows.append(
                PositionRisk(
                    symbol: symbol, positionAmount: amount, entryPrice: Self.decimal(entry),
                    markPrice: Self.decimal(mark),
                    unrealizedProfit: Self.decimal(unrealized), notional: Self.decimal(mark * 10), updateTime: now))
            candles[symbol] = series
            symbols.append(symbol)
        }
        self.symbols = symbols
        self.rows = rows
        self.candles = candles
    }

    /// The entry price and side of each position (for the position hashes the benchmark writes).
    var positions: [PositionRisk] { rows }

    /// Calls per method since the last reset.
    func takeCalls() -> [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        let taken = calls
        calls = [:]
        return taken
    }

    private func count(_ name: String) {
        lock.lock()
        calls[name, default: 0] += 1
        lock.unlock()
    }

    func serverTime() async throws(ExchangeError) -> Int64 {
        count("time")
        return Int64(Date().timeIntervalSince1970 * 1000)
    }

    func positions(symbol: String?) async throws(ExchangeError) -> [PositionRisk] {
        count("positionRisk")
        guard let symbol else { return rows }
        return rows.filter { $0.symbol == symbol }
    }

    func klines(symbol: String, interval: String, limit: Int, startTime: Int64?, endTime: Int64?)
        async throws(ExchangeError) -> [Kline]
    {
        count("klines")
        guard let series = candles[symbol] else { throw Self.unsupported("klines of an unknown symbol") }
        let after = startTime.map { start in series.filter { $0.openTime >= start } } ?? series
        return Array(after.suffix(limit))
    }

    func exchangeInfo() async throws(ExchangeError) -> ExchangeInfo { throw Self.unsupported("exchangeInfo") }
    func symbolFilters(_ symbol: String) async throws(ExchangeError) -> SymbolFilters {
        throw Self.unsupported("filters")
    }
    func markPrice(symbol: String) async throws(ExchangeError) -> MarkPrice { throw Self.unsupported("markPrice") }
    func balances() async throws(ExchangeError) -> [AssetBalance] { throw Self.unsupported("balances") }
    func setLeverage(symbol: String, leverage: Int) async throws(ExchangeError) -> LeverageSetting {
        throw Self.unsupported("setLeverage")
    }
    func newOrder(_ order: NewOrder) async throws(ExchangeError) -> ExchangeOrder { throw Self.unsupported("newOrder") }
    func queryOrder(symbol: String, _ reference: OrderReference) async throws(ExchangeError) -> ExchangeOrder {
        throw Self.unsupported("queryOrder")
    }
    func cancelOrder(symbol: String, _ reference: OrderReference) async throws(ExchangeError) -> ExchangeOrder {
        throw Self.unsupported("cancelOrder")
    }
    func userTrades(symbol: String, orderID: Int64) async throws(ExchangeError) -> [UserTrade] {
        throw Self.unsupported("userTrades")
    }
    func incomeHistory(_ query: IncomeQuery) async throws(ExchangeError) -> [IncomeRecord] {
        throw Self.unsupported("incomeHistory")
    }
    func placeStopClose(_ order: StopCloseOrder) async throws(ExchangeError) -> AlgoOrder {
        throw Self.unsupported("placeStopClose")
    }
    func cancelAlgoOrder(symbol: String, _ reference: AlgoOrderReference) async throws(ExchangeError) -> AlgoOrder {
        throw Self.unsupported("cancelAlgoOrder")
    }
    func openAlgoOrders(symbol: String?) async throws(ExchangeError) -> [AlgoOrder] {
        throw Self.unsupported("openAlgoOrders")
    }

    private static func unsupported(_ what: String) -> ExchangeError {
        ExchangeError(.configuration, message: "\(what) is not served by the synthetic exchange")
    }

    /// A price rounded to eight decimals, as exchange text would give it.
    static func decimal(_ value: Double) -> Decimal {
        let units = Int64((value * 1e8).rounded())
        return Decimal(sign: units < 0 ? .minus : .plus, exponent: -8, significand: Decimal(units.magnitude))
    }

    static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }
}

extension String {
    /// Left-pads with zeros to a width.
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
