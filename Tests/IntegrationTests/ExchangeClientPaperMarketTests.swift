import Foundation
import Testing

@testable import Shared

/// The real ``BinanceFuturesClient`` against a running `paperexchange`: clock, exchange info,
/// mark price, klines, balances, positions and leverage, read as a daemon reads them.
@Suite("exchange client against paperexchange: market and account")
struct ExchangeClientPaperMarketTests {
    @Test func serverTimeIsTheExchangeClockAndFollowsAnAdminAdvance() async throws {
        // Frozen, so a loaded run's stall between two requests moves no clock: the exchange's
        // starts at the real time of its start and then moves only by the admin's advance.
        let launched = PaperExchangeProcess.nowMillis()
        let paper = try await PaperExchangeProcess.launchForClient(["--speed", PaperExchangeProcess.frozenSpeed])
        defer { paper.stop() }
        let client = paper.client()

        let before = PaperExchangeProcess.nowMillis()
        let time = try await client.serverTime()
        #expect(time >= launched - 1_000 && time <= before + 1_000, "server \(time), launched \(launched)…\(before)")

        try await paper.admin("advance", [("seconds", "3600")])
        let advanced = try await client.serverTime()
        #expect(advanced - time >= 3_600_000)
        #expect(advanced - time < 3_600_000 + 1_000)
    }

    @Test func exchangeInfoListsEverySymbolWithSaneFilters() async throws {
        let paper = try await PaperExchangeProcess.launchForClient()
        defer { paper.stop() }
        let client = paper.client()

        let info = try await client.exchangeInfo()
        #expect(Set(info.symbols.keys).isSuperset(of: ["BTCUSDT", "ETHUSDT", "SOLUSDT", "ANKRUSDT", "DOGEUSDT"]))
        #expect((info.requestWeightPerMinute ?? 0) > 0)
        #expect((info.ordersPerMinute ?? 0) > 0)
        for (symbol, filters) in info.symbols {
            #expect(filters.symbol == symbol)
            #expect(filters.status == "TRADING")
            #expect(filters.quoteAsset == "USDT")
            let lot = try #require(filters.lotSize, "\(symbol) LOT_SIZE")
            let market = try #require(filters.marketLotSize, "\(symbol) MARKET_LOT_SIZE")
            let price = try #require(filters.priceFilter, "\(symbol) PRICE_FILTER")
            let minNotional = try #require(filters.minNotional, "\(symbol) MIN_NOTIONAL")
            #expect(
                lot.stepSize > 0 && lot.minQuantity >= lot.stepSize && lot.maxQuantity > lot.minQuantity, "\(symbol)")
            #expect(market.stepSize > 0 && market.maxQuantity > market.minQuantity, "\(symbol)")
            #expect(market.maxQuantity <= lot.maxQuantity, "\(symbol)")
            #expect(price.tickSize > 0 && price.minPrice > 0 && price.maxPrice > price.minPrice, "\(symbol)")
            #expect(minNotional > 0, "\(symbol)")
        }
    }

    @Test func symbolFiltersCarryBinancesBTCUSDTValues() async throws {
        let paper = try await PaperExchangeProcess.launchForClient()
        defer { paper.stop() }
        let client = paper.client()

        let btc = try await client.symbolFilters("BTCUSDT")
        #expect(btc.baseAsset == "BTC")
        #expect(btc.lotSize?.stepSize == Decimal(string: "0.001"))
        #expect(btc.lotSize?.minQuantity == Decimal(string: "0.001"))
        #expect(btc.lotSize?.maxQuantity == 1000)
        #expect(btc.marketLotSize?.stepSize == Decimal(string: "0.001"))
        #expect(btc.marketLotSize?.maxQuantity == 120)
        #expect(btc.priceFilter?.tickSize == Decimal(string: "0.1"))
        #expect(btc.minNotional == 100)
        let sol = try await client.symbolFilters("SOLUSDT")
        #expect(sol.lotSize?.stepSize == 1)
        #expect(sol.roundDown(Decimal(string: "5.7")!, type: .market) == 5)
    }

    @Test func anUnknownSymbolIsTheInvalidSymbolError() async throws {
        let paper = try await PaperExchangeProcess.launchForClient()
        defer { paper.stop() }
        let client = paper.client()

        let error = try #require(await exchangeFailure { try await client.symbolFilters("NOPEUSDT") })
        #expect(error.isBinance(-1121), "\(error)")
        let mark = try #require(await exchangeFailure { try await client.markPrice(symbol: "NOPEUSDT") })
        #expect(mark.isBinance(-1121), "\(mark)")
        #expect(mark.httpStatus == 400)
        expectRedacted(error, paper)
        expectRedacted(mark, paper)
    }

    @Test func markPriceIsThePriceTheExchangeWasSetTo() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(["--speed", PaperExchangeProcess.frozenSpeed])
        defer { paper.stop() }
        let client = paper.client()

        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3123.45")])
        let mark = try await client.markPrice(symbol: "ETHUSDT")
        #expect(mark.symbol == "ETHUSDT")
        #expect(mark.markPrice == Decimal(string: "3123.45"))
        #expect(mark.indexPrice.map { $0 > 0 } == true)
        #expect(mark.lastFundingRate != nil)
        #expect(mark.nextFundingTime > mark.time)
        #expect(mark.nextFundingTime - mark.time <= 8 * 3_600_000)
    }

    @Test func klinesAreTheRequestedCountOfAscendingOneMinuteCandles() async throws {
        let paper = try await PaperExchangeProcess.launchForClient()
        defer { paper.stop() }
        let client = paper.client()

        let candles = try await client.klines(symbol: "BTCUSDT", interval: "1m", limit: 120)
        #expect(candles.count == 120)
        for (previous, next) in zip(candles, candles.dropFirst()) {
            #expect(next.openTime - previous.openTime == 60_000)
        }
        for candle in candles {
            #expect(candle.closeTime == candle.openTime + 59_999)
            #expect(candle.low > 0)
            #expect(candle.high >= max(candle.open, candle.close) && candle.low <= min(candle.open, candle.close))
        }
        let now = try await client.serverTime()
        let last = try #require(candles.last)
        #expect(last.openTime <= now && now - last.openTime < 120_000, "the last candle is the current minute")

        let start = candles[10].openTime
        let window = try await client.klines(
            symbol: "BTCUSDT", interval: "1m", limit: 5, startTime: start, endTime: nil)
        #expect(window.map(\.openTime) == candles[10..<15].map(\.openTime))
        #expect(window.map(\.close) == candles[10..<15].map(\.close))
    }

    @Test func aFreshAccountHasItsStartingBalanceAndNoPosition() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(["--balance", "12345.6"])
        defer { paper.stop() }
        let client = paper.client()

        let usdt = try #require(try await client.balances().first { $0.asset == "USDT" })
        #expect(usdt.balance == Decimal(string: "12345.6"))
        #expect(usdt.availableBalance == Decimal(string: "12345.6"))
        #expect(usdt.crossUnrealizedPnl == 0)
        #expect(try await client.positions(symbol: nil).allSatisfy { $0.positionAmount == 0 })
        #expect(try await client.position(symbol: "BTCUSDT").map(\.positionAmount) ?? 0 == 0)
    }

    @Test func setLeverageAnswersTheNewLeverageAndRefusesAnImpossibleOne() async throws {
        let paper = try await PaperExchangeProcess.launchForClient()
        defer { paper.stop() }
        let client = paper.client()

        let setting = try await client.setLeverage(symbol: "ETHUSDT", leverage: 7)
        #expect(setting.symbol == "ETHUSDT")
        #expect(setting.leverage == 7)
        let error = try #require(
            await exchangeFailure { try await client.setLeverage(symbol: "ETHUSDT", leverage: 500) })
        #expect(error.isBinance(-4028), "\(error)")
        #expect(error.code == .api)
        expectRedacted(error, paper)
    }
}

extension PaperExchangeProcess {
    /// Launches `paperexchange --admin` with a key and secret unique to this run, so that one
    /// leaking into an error message cannot be mistaken for anything else.
    static func launchForClient(_ arguments: [String] = []) async throws -> PaperExchangeProcess {
        let tag = UUID().uuidString.prefix(8).lowercased()
        return try await launch(["--admin"] + arguments, apiKey: "xkey-\(tag)", apiSecret: "xsecret-\(tag)-9f3c1d")
    }

    /// The production client pointed at this exchange in paper mode.
    ///
    /// `apiKey`/`apiSecret` override the exchange's own (to provoke auth errors); `now` replaces
    /// the client's wall clock; `configure` adjusts timeouts and retry settings.
    func client(
        apiKey: String? = nil, apiSecret: String? = nil, now: (@Sendable () -> Int64)? = nil,
        configure: (inout BinanceFuturesClient.Configuration) -> Void = { _ in }
    ) -> BinanceFuturesClient {
        var configuration = BinanceFuturesClient.Configuration(
            mode: .paper, baseURL: baseURL, apiKey: apiKey ?? self.apiKey,
            apiSecret: APISecret(apiSecret ?? self.apiSecret))
        configure(&configuration)
        if let now {
            return BinanceFuturesClient(configuration: configuration, logger: TestEnvironment.logger, now: now)
        }
        return BinanceFuturesClient(configuration: configuration, logger: TestEnvironment.logger)
    }
}

/// The ``ExchangeError`` `body` throws, or nil when it succeeds (any other error is an issue).
func exchangeFailure<T>(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> T
) async -> ExchangeError? {
    do {
        _ = try await body()
        return nil
    } catch let error as ExchangeError {
        return error
    } catch {
        Issue.record("not an ExchangeError: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
