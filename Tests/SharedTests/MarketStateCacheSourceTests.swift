import Foundation
import Logging
import Testing

@testable import Shared

/// An in-memory exchange serving one-minute candles of one symbol and a settable clock; counts
/// klines requests. Everything else throws.
final class MarketStateCacheExchange: Exchange, @unchecked Sendable {
    private let lock = NSLock()
    private var candles: [Kline] = []
    private var clock: Int64
    private(set) var klinesCalls = 0

    /// `count` closed candles ending one minute before `now` (rounded down to the minute).
    init(count: Int, now: Int64 = 1_764_000_030_000) {
        clock = now
        let current = now / 60_000 * 60_000
        for index in 0..<count {
            candles.append(Self.candle(openTime: current - Int64(count - index) * 60_000, index: index))
        }
    }

    static func candle(openTime: Int64, index: Int) -> Kline {
        let close = Decimal(
            string: String(format: "%.4f", 100 + 3 * sin(Double(index) / 7) + Double(index % 5) * 0.11))!
        return Kline(
            openTime: openTime, open: close, high: close, low: close, close: close, volume: 1,
            closeTime: openTime + 59_999)
    }

    /// Moves the clock by `ms` and lists the candle that opened in the minute now current (still open).
    func advance(by ms: Int64) {
        lock.withLock {
            clock += ms
            let current = clock / 60_000 * 60_000
            while let last = candles.last, last.openTime < current {
                candles.append(Self.candle(openTime: last.openTime + 60_000, index: candles.count))
            }
        }
    }

    var calls: Int { lock.withLock { klinesCalls } }
    var closedCloses: [Double] {
        lock.withLock { candles.filter { $0.closeTime < clock }.map { Double("\($0.close)")! } }
    }

    func serverTime() async throws(ExchangeError) -> Int64 { lock.withLock { clock } }
    func klines(symbol: String, interval: String, limit: Int, startTime: Int64?, endTime: Int64?)
        async throws(ExchangeError) -> [Kline]
    {
        lock.withLock {
            klinesCalls += 1
            return Array(candles.filter { $0.openTime >= (startTime ?? 0) }.suffix(limit))
        }
    }
    func positions(symbol: String?) async throws(ExchangeError) -> [PositionRisk] { [] }
    func exchangeInfo() async throws(ExchangeError) -> ExchangeInfo { throw Self.no }
    func symbolFilters(_ symbol: String) async throws(ExchangeError) -> SymbolFilters { throw Self.no }
    func markPrice(symbol: String) async throws(ExchangeError) -> MarkPrice { throw Self.no }
    func balances() async throws(ExchangeError) -> [AssetBalance] { throw Self.no }
    func setLeverage(symbol: String, leverage: Int) async throws(ExchangeError) -> LeverageSetting { throw Self.no }
    func newOrder(_ order: NewOrder) async throws(ExchangeError) -> ExchangeOrder { throw Self.no }
    func queryOrder(symbol: String, _ reference: OrderReference) async throws(ExchangeError) -> ExchangeOrder {
        throw Self.no
    }
    func cancelOrder(symbol: String, _ reference: OrderReference) async throws(ExchangeError) -> ExchangeOrder {
        throw Self.no
    }
    func userTrades(symbol: String, orderID: Int64) async throws(ExchangeError) -> [UserTrade] { throw Self.no }
    func incomeHistory(_ query: IncomeQuery) async throws(ExchangeError) -> [IncomeRecord] { throw Self.no }
    func placeStopClose(_ order: StopCloseOrder) async throws(ExchangeError) -> AlgoOrder { throw Self.no }
    func cancelAlgoOrder(symbol: String, _ reference: AlgoOrderReference) async throws(ExchangeError) -> AlgoOrder {
        throw Self.no
    }
    func openAlgoOrders(symbol: String?) async throws(ExchangeError) -> [AlgoOrder] { throw Self.no }
    private static let no = ExchangeError(.configuration, message: "not served by the test exchange")
}

/// `MarketDataSource` over an in-memory exchange. Its Redis client is never used here: the
/// stored hash is passed in and the write-back is returned as commands.
@Suite("Market-state cache in MarketDataSource")
struct MarketStateCacheSourceTests {
    func source(_ exchange: MarketStateCacheExchange) throws -> MarketDataSource {
        let redis = RedisClient(
            configuration: try RedisConfiguration(url: "redis://127.0.0.1:1/0", key: "test"),
            logger: .init(label: "test"))
        return MarketDataSource(exchange: exchange, redis: redis, maxAge: 120, hashTTLSeconds: 100, writeHash: true)
    }

    func snapshot(_ source: MarketDataSource, _ exchange: MarketStateCacheExchange) async throws -> (
        MarketSnapshot, [[String]]
    ) {
        let outcome = try await source.snapshot("TESTUSDT", stored: [:], serverTimeMs: try await exchange.serverTime())
        guard case .success(let (snapshot, origin)) = outcome.result else {
            Issue.record("no market state")
            return (MarketSnapshot(sigma: 0, ts: 0, pTrend: 0, pMR: 0, pChop: 0), [])
        }
        #expect(origin == .klines)
        return (snapshot, outcome.writes)
    }

    @Test("no new closed candle: no klines request, the estimate is reused, same snapshot and hash values")
    func noNewCandleReuses() async throws {
        let exchange = MarketStateCacheExchange(count: 300)
        let source = try source(exchange)
        let (first, firstWrites) = try await snapshot(source, exchange)
        #expect(exchange.calls == 1)
        exchange.advance(by: 10_000)  // 1764000040000: the next candle closes at …119999
        let (second, secondWrites) = try await snapshot(source, exchange)
        #expect(exchange.calls == 1, "the next candle cannot have closed: no request")
        let counts = await source.estimateCounts
        #expect(counts.computed == 1 && counts.reused == 1)
        #expect(second == first)
        #expect(
            secondWrites.first?.filter { !$0.hasPrefix("17640000") }
                == firstWrites.first?.filter { !$0.hasPrefix("17640000") },
            "the same hash, but for its timestamp")
        let expected = try #require(MarketStateEstimator.estimate(closes: exchange.closedCloses)).snapshot
        #expect(second == expected)
    }

    @Test("a new closed candle is fetched and invalidates the estimate; the still-open one is left out")
    func newCandleRecomputes() async throws {
        let exchange = MarketStateCacheExchange(count: 300)
        let source = try source(exchange)
        let (first, _) = try await snapshot(source, exchange)
        exchange.advance(by: 60_000)  // one more candle closed, a new one open
        let (second, writes) = try await snapshot(source, exchange)
        #expect(exchange.calls == 2)
        let counts = await source.estimateCounts
        #expect(counts.computed == 2 && counts.reused == 0)
        #expect(exchange.closedCloses.count == 301)
        let expected = try #require(MarketStateEstimator.estimate(closes: exchange.closedCloses)).snapshot
        #expect(second == expected)
        #expect(second != first)
        let hset = try #require(writes.first)
        let buffer = hset.firstIndex(of: "buffer_size").map { hset[$0 + 1] }
        #expect(buffer == "301")
        #expect(writes.last == ["EXPIRE", MarketDataSource.key("TESTUSDT"), "100"])
    }

    @Test("a symbol given up by retain is forgotten: the next snapshot fetches and estimates again")
    func retainForgets() async throws {
        let exchange = MarketStateCacheExchange(count: 300)
        let source = try source(exchange)
        _ = try await snapshot(source, exchange)
        await source.retain(["OTHERUSDT"])
        _ = try await snapshot(source, exchange)
        #expect(exchange.calls == 2)
        let counts = await source.estimateCounts
        #expect(counts.computed == 2 && counts.reused == 0)
    }

    @Test("another writer's fresh hash is used as is: no klines, no estimate, no write-back")
    func freshHashWins() async throws {
        let exchange = MarketStateCacheExchange(count: 300)
        let source = try source(exchange)
        let now = try await exchange.serverTime()
        let fields = [
            "sigma": "0.01", "mu": "0", "ts": "0", "p_trend": "0.1", "p_mr": "0.3", "p_chop": "0.6", "dp": "0.5",
            "vr": "1", "spike_proxy": "1", "ts_timestamp": String(now / 1000), "buffer_size": "300",
        ]
        let outcome = try await source.snapshot("TESTUSDT", stored: fields, serverTimeMs: now)
        guard case .success(let (snapshot, origin)) = outcome.result else { Issue.record("no market state"); return }
        #expect(origin == .hash)
        #expect(snapshot.pChop == 0.6)
        #expect(outcome.writes.isEmpty)
        #expect(exchange.calls == 0)
    }
}
