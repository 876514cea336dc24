import Foundation
import Testing

@testable import Shared

/// An in-memory exchange for exitbrain's cycle: open positions on a few symbols, one-minute
/// candles per symbol (300 closed at the start) and a settable clock; counts klines requests.
final class ExitCycleExchange: Exchange, @unchecked Sendable {
    private let lock = NSLock()
    private let rows: [PositionRisk]
    private var candles: [String: [Kline]] = [:]
    private var clock: Int64
    private var klinesCalls = 0

    init(_ rows: [PositionRisk], now: Int64 = Int64(Date().timeIntervalSince1970 * 1000) / 60_000 * 60_000 + 30_000) {
        self.rows = rows
        clock = now
        let current = now / 60_000 * 60_000
        for (offset, row) in rows.enumerated() {
            candles[row.symbol] = (0..<300).map {
                Self.candle(openTime: current - Int64(300 - $0) * 60_000, index: $0, offset: offset)
            }
        }
    }

    static func candle(openTime: Int64, index: Int, offset: Int) -> Kline {
        let value = 100 + 2 * sin(Double(index + offset * 13) / 9) + Double((index * (offset + 3)) % 7) * 0.07
        let close = Decimal(string: String(format: "%.4f", value))!
        return Kline(
            openTime: openTime, open: close, high: close, low: close, close: close, volume: 1,
            closeTime: openTime + 59_999)
    }

    /// Moves the clock; candles of the minutes passed are listed (the current one still open).
    func advance(by ms: Int64) {
        lock.withLock {
            clock += ms
            let current = clock / 60_000 * 60_000
            for (offset, row) in rows.enumerated() {
                var series = candles[row.symbol] ?? []
                while let last = series.last, last.openTime < current {
                    series.append(Self.candle(openTime: last.openTime + 60_000, index: series.count, offset: offset))
                }
                candles[row.symbol] = series
            }
        }
    }

    var calls: Int { lock.withLock { klinesCalls } }

    func serverTime() async throws(ExchangeError) -> Int64 { lock.withLock { clock } }
    func positions(symbol: String?) async throws(ExchangeError) -> [PositionRisk] { rows }
    func klines(symbol: String, interval: String, limit: Int, startTime: Int64?, endTime: Int64?)
        async throws(ExchangeError) -> [Kline]
    {
        lock.withLock {
            klinesCalls += 1
            return Array((candles[symbol] ?? []).filter { $0.openTime >= (startTime ?? 0) }.suffix(limit))
        }
    }
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

extension ApplyLayerTests {
    /// exitbrain's pipelined cycle against the real Redis: per-position reads and writes stay
    /// apart, publish-on-change holds, an error stays with its position, the estimate cache.
    @Suite("exitbrain cycle: pipelining and the market-state cache")
    struct ExitCycle {
        /// Two positions on symbols of their own (a long with a position hash, a short without).
        struct Setup {
            let redis: RedisClient
            let exchange: ExitCycleExchange
            let symbols: [String]
            let planStream: String

            static func make() async throws -> Setup {
                let tag = String(UUID().uuidString.filter { $0.isLetter || $0.isNumber }.prefix(8)).uppercased()
                let symbols = ["QTCL\(tag)USDT", "QTCS\(tag)USDT"]
                let exchange = ExitCycleExchange([
                    PositionRisk(
                        symbol: symbols[0], positionAmount: 2, entryPrice: 100, markPrice: Decimal(string: "100.5")!,
                        unrealizedProfit: 1),
                    PositionRisk(
                        symbol: symbols[1], positionAmount: -3, entryPrice: 50, markPrice: Decimal(string: "49.8")!,
                        unrealizedProfit: Decimal(string: "0.6")!),
                ])
                let setup = Setup(
                    redis: try TestEnvironment.redis(), exchange: exchange, symbols: symbols,
                    planStream: TestEnvironment.unique("exitcycle") + ":plan")
                var hash = PositionHash(symbol: symbols[0], side: .long, quantity: 2)
                hash.entryPrice = 100
                hash.planID = "entry-\(tag)"
                hash.createdAt = Date().timeIntervalSince1970 - 600
                try await setup.redis.hashSet(ApplyKeys.position(symbols[0]), hash.encode())
                return setup
            }

            func evaluator() -> ExitEvaluator {
                var configuration = ExitConfiguration()
                configuration.planStream = planStream
                configuration.shadowStream = planStream + ".shadow"
                configuration.marketStateMaxAge = 86_400
                configuration.symbols = Set(symbols)  // the cycle's clean-up touches these symbols only
                return ExitEvaluator(
                    configuration: configuration, exchange: exchange, redis: redis, logger: TestEnvironment.logger)
            }

            /// Another writer's market-state hash: a regime flip (K = 0.76, FULL_CLOSE_PROPOSED).
            func writeFlippedMarket() async throws {
                let now = try await exchange.serverTime() / 1000
                for symbol in symbols {
                    try await redis.hashSet(
                        MarketDataSource.key(symbol),
                        ExitBrain.flipped + [
                            ("ts_timestamp", String(now)),
                            ("buffer_size", "300"),
                        ])
                }
            }

            func plans() async throws -> [[String: String]] {
                let entries = try StreamEntries.fromRead(try await redis.send(["XREAD", "STREAMS", planStream, "0"]))
                return entries.compactMap { $0.fields.map { Dictionary($0, uniquingKeysWith: { $1 }) } }
            }

            func cleanUp() async {
                for symbol in symbols {
                    _ = try? await redis.send([
                        "DEL", ApplyKeys.position(symbol), ExitPositionState.key(symbol),
                        MarketDataSource.key(symbol), ExitPublisher.proposalKey(symbol),
                    ])
                }
                _ = try? await redis.send(["DEL", planStream, planStream + ".shadow"])
                await redis.close()
            }
        }

        @Test(
            "two positions in one cycle: each gets its own state, plan and proposal; an unchanged proposal is only touched, never re-published or re-created"
        )
        func twoPositionsOneCycle() async throws {
            let setup = try await Setup.make()
            defer { Task { await setup.cleanUp() } }
            let (long, short) = (setup.symbols[0], setup.symbols[1])
            try await setup.writeFlippedMarket()
            let brain = setup.evaluator()
            let now = Date().timeIntervalSince1970
            let decisions = try await brain.cycle(now: now)
            #expect(decisions.map(\.symbol) == [long, short])
            #expect(decisions.map(\.flags) == [[], ["no_position_hash"]], "each position's own hash was read")
            let plans = try await setup.plans()
            #expect(plans.count == 2)
            #expect(Set(plans.compactMap { $0["symbol"] }) == [long, short])
            for symbol in [long, short] {
                let plan = try #require(plans.first { $0["symbol"] == symbol })
                #expect(plan["action"] == "FULL_CLOSE_PROPOSED")
                let proposal = try await setup.redis.hashGetAll(ExitPublisher.proposalKey(symbol))
                #expect(
                    try HarvestProposal.exitPlanID(symbol: symbol, fields: WireFields(proposal)) == plan["plan_id"],
                    "\(symbol)'s proposal derives its own plan's id")
            }
            let longState = try #require(
                ExitPositionState(fields: try await setup.redis.hashGetAll(ExitPositionState.key(long))))
            let shortState = try #require(
                ExitPositionState(fields: try await setup.redis.hashGetAll(ExitPositionState.key(short))))
            #expect(longState.side == .long && longState.entryPrice == 100 && longState.peak == 100.5)
            #expect(longState.entryPlanID.hasPrefix("entry-"))
            #expect(shortState.side == .short && shortState.entryPrice == 50 && shortState.trough == 49.8)
            #expect(shortState.entryPlanID.isEmpty)
            #expect(longState.proposedRank == 4 && shortState.proposedRank == 4)

            let computedAt = try await setup.redis.hashGetAll(ExitPublisher.proposalKey(long))["computed_at_utc"]
            for step in 1...2 { try await brain.cycle(now: now + Double(step) * 10) }
            #expect(try await setup.plans().count == 2, "no plan re-published while the decision stands")
            let touched = try await setup.redis.hashGetAll(ExitPublisher.proposalKey(long))
            #expect(touched["computed_at_utc"] == computedAt, "the plan id's inputs untouched")
            #expect(touched["last_update_epoch"] == String(Int(now + 20)), "kept fresh")

            try await setup.redis.delete(ExitPublisher.proposalKey(short))
            try await brain.cycle(now: now + 30)
            #expect(
                try await setup.redis.exists(ExitPublisher.proposalKey(short)) == false,
                "a touch never re-creates a proposal")
            #expect(
                try await setup.redis.hashGetAll(ExitPublisher.proposalKey(long))["last_update_epoch"]
                    == String(Int(now + 30)))
            #expect(try await setup.plans().count == 2)
        }

        @Test("a state that lost a field or whose peak moved is rewritten (an unchanged one need not be)")
        func stateRewrittenOnlyWhenNeeded() async throws {
            let setup = try await Setup.make()
            defer { Task { await setup.cleanUp() } }
            let long = setup.symbols[0]
            try await setup.writeFlippedMarket()
            let brain = setup.evaluator()
            try await brain.cycle()
            let key = ExitPositionState.key(long)
            #expect(try await setup.redis.hashGetAll(key).count == ExitPositionState.fieldNames.count)
            try await setup.redis.send(["HDEL", key, "entry_plan_id"])
            try await brain.cycle()
            let rewritten = try await setup.redis.hashGetAll(key)
            #expect(rewritten["entry_plan_id"]?.hasPrefix("entry-") == true, "a missing field is written again")
            try await setup.redis.hashSet(key, [("peak", "100.1")])
            try await brain.cycle()
            #expect(try await setup.redis.hashGetAll(key)["peak"] == "100.5", "the mark above a stored peak raises it")
        }

        @Test("a position whose state cannot be read is skipped alone; the other is evaluated, published and written")
        func unreadableStateStaysWithItsPosition() async throws {
            let setup = try await Setup.make()
            defer { Task { await setup.cleanUp() } }
            let (long, short) = (setup.symbols[0], setup.symbols[1])
            try await setup.writeFlippedMarket()
            try await setup.redis.set(ExitPositionState.key(long), "not a hash")
            let decisions = try await setup.evaluator().cycle()
            #expect(decisions.map(\.symbol) == [short])
            #expect(try await setup.plans().map { $0["symbol"] } == [short])
            #expect(try await setup.redis.get(ExitPositionState.key(long)) == "not a hash")
            #expect(
                ExitPositionState(fields: try await setup.redis.hashGetAll(ExitPositionState.key(short)))?.proposedRank
                    == 4)
        }

        @Test(
            "a market state that could not be written back leaves its position unpublished and its state unwritten; the other goes on"
        )
        func failedMarketWriteStaysWithItsPosition() async throws {
            let setup = try await Setup.make()
            defer { Task { await setup.cleanUp() } }
            let (long, short) = (setup.symbols[0], setup.symbols[1])
            try await setup.redis.set(MarketDataSource.key(long), "not a hash")
            let decisions = try await setup.evaluator().cycle()
            #expect(decisions.map(\.symbol) == [short])
            #expect(decisions.first?.marketOrigin == .klines)
            #expect(try await setup.redis.hashGetAll(ExitPositionState.key(long)).isEmpty)
            #expect(try await setup.plans().allSatisfy { $0["symbol"] == short })
            #expect(ExitPositionState(fields: try await setup.redis.hashGetAll(ExitPositionState.key(short))) != nil)
            #expect(try await setup.redis.hashGetAll(MarketDataSource.key(short))["writer"] == "exitbrain")
        }

        @Test("a plan that could not be published is not recorded in the state: the next cycle proposes it again")
        func failedPublishIsRetried() async throws {
            let setup = try await Setup.make()
            defer { Task { await setup.cleanUp() } }
            try await setup.writeFlippedMarket()
            try await setup.redis.set(setup.planStream, "not a stream")
            let brain = setup.evaluator()
            let failed = try await brain.cycle()
            #expect(failed.isEmpty, "both positions' writes failed")
            for symbol in setup.symbols {
                #expect(try await setup.redis.hashGetAll(ExitPositionState.key(symbol)).isEmpty)
            }
            try await setup.redis.delete(setup.planStream)
            let retried = try await brain.cycle()
            #expect(retried.count == 2)
            #expect(try await setup.plans().count == 2)
        }

        @Test("no new closed candle: the estimate is reused and the decision is identical; a new candle recomputes it")
        func estimateCache() async throws {
            let setup = try await Setup.make()
            defer { Task { await setup.cleanUp() } }
            let brain = setup.evaluator()
            let now = Date().timeIntervalSince1970
            let first = try await brain.cycle(now: now)
            #expect(first.count == 2)
            #expect(first.allSatisfy { $0.marketOrigin == .klines })
            var counts = await brain.market.estimateCounts
            #expect(counts.computed == 2 && counts.reused == 0)
            let calls = setup.exchange.calls

            setup.exchange.advance(by: 10_000)
            let second = try await brain.cycle(now: now)
            counts = await brain.market.estimateCounts
            #expect(counts.computed == 2 && counts.reused == 2)
            #expect(setup.exchange.calls == calls, "no klines request before the next candle can close")
            #expect(second.map(\.market) == first.map(\.market))
            #expect(second.map(\.kernel) == first.map(\.kernel))
            #expect(second.map(\.action) == first.map(\.action))

            setup.exchange.advance(by: 60_000)
            let third = try await brain.cycle(now: now)
            counts = await brain.market.estimateCounts
            #expect(counts.computed == 4 && counts.reused == 2)
            #expect(setup.exchange.calls == calls + 2)
            #expect(third.map(\.market) != first.map(\.market))
            for symbol in setup.symbols {
                let hash = try await setup.redis.hashGetAll(MarketDataSource.key(symbol))
                #expect(hash["buffer_size"] == "301")
                #expect(hash["writer"] == "exitbrain")
            }
        }
    }
}
