import Foundation
import Logging

/// The paper exchange's single source of truth: the simulated markets, the clock, and the
/// account (positions, orders, trades, income, algo orders). Every request goes through it,
/// so fills, funding and triggers happen in one order.
///
/// Time moves lazily: each call first advances the markets second by second up to the
/// simulated now, firing algo orders and funding on the way; a ticker calls `catchUp()` too,
/// so stops fire without requests.
actor ExchangeEngine {
    let configuration: ExchangeConfiguration
    /// The listed symbols in exchangeInfo order, and their specs by symbol.
    let symbols: [String]
    let specs: [String: SymbolSpec]
    /// The taker and maker fees and the slippage as fractions (basis points / 10,000).
    let takerFeeRate: Decimal
    let makerFeeRate: Decimal
    let slippageRate: Decimal
    let logger: Logger
    var clock: SimulatedClock
    var markets: [String: SymbolMarket] = [:]
    var account: AccountState
    let store: StateStore?
    /// Set when the account changed since the last save.
    var dirty = false
    /// When the state file was last written (nil: not yet).
    var lastSaved: ContinuousClock.Instant?

    /// Funding happens every 8 simulated hours (00:00, 08:00, 16:00 UTC).
    static let fundingInterval: Int64 = 8 * 3600 * 1000

    init(configuration: ExchangeConfiguration, logger: Logger) throws(StateStore.Failure) {
        self.configuration = configuration
        symbols = configuration.symbols.map(\.symbol)
        specs = Dictionary(configuration.symbols.map { ($0.symbol, $0) }, uniquingKeysWith: { first, _ in first })
        takerFeeRate = configuration.feeBps / 10_000
        makerFeeRate = configuration.makerFeeBps / 10_000
        slippageRate = configuration.slippageBps / 10_000
        self.logger = logger
        let realNow = SimulatedClock.realNow()
        store = configuration.stateFile.map { StateStore(path: $0) }
        let saved = try store?.load()
        let simStart = max(realNow, saved?.savedAt ?? 0)
        clock = SimulatedClock(simulatedStart: simStart, speed: configuration.speed, realStart: realNow)
        account = saved ?? AccountState(walletBalance: configuration.startingBalance, now: simStart)
        // Fundings missed while the exchange was not running are not charged afterwards.
        let lastBoundary = simStart / Self.fundingInterval * Self.fundingInterval
        if account.lastFundingTime < lastBoundary {
            account.lastFundingTime = lastBoundary
        }
        for (index, spec) in configuration.symbols.enumerated() {
            let seed = configuration.seed &* 1_000_003 &+ UInt64(index + 1)
            markets[spec.symbol] = SymbolMarket(
                spec: spec, seed: seed, nowMillis: simStart,
                historyMinutes: configuration.historyMinutes, endPrice: saved?.marks[spec.symbol],
                replay: configuration.replays[spec.symbol])
        }
        if saved != nil {
            logger.info("state loaded", metadata: ["state.file": "\(configuration.stateFile ?? "")"])
        }
    }

    /// Simulated now, after advancing every market to it.
    @discardableResult
    func catchUp() -> Int64 {
        let target = clock.now()
        advanceMarkets(to: target)
        saveIfNeeded()
        return target
    }

    /// The spec of `symbol`, or `-1121`.
    nonisolated func spec(_ symbol: String?) throws(ExchangeRejection) -> SymbolSpec {
        guard let symbol, let spec = specs[symbol] ?? specs[symbol.uppercased()] else { throw .badSymbol }
        return spec
    }

    /// The current mark of `symbol` (the market must exist).
    func mark(_ symbol: String) -> Decimal { markets[symbol]?.currentMark() ?? 0 }

    /// Steps all markets one second at a time up to `target` (simulated ms), running funding at
    /// each 8-hour boundary and checking open algo and resting LIMIT orders after every second.
    func advanceMarkets(to target: Int64) {
        let targetSecond = target / 1000
        guard let anyMarket = markets.values.first, anyMarket.second < targetSecond else { return }
        let symbols = Array(markets.keys).sorted()
        var second = anyMarket.second
        // Orders cannot be placed while this runs (actor), so "anything open" only goes down.
        var anyResting = account.hasOpenOrders
        var anyAlgo = account.hasOpenAlgoOrders
        while second < targetSecond {
            second += 1
            for symbol in symbols { markets[symbol]!.stepSecond() }
            if anyAlgo {
                checkAlgoTriggers(at: second * 1000)
                anyAlgo = account.hasOpenAlgoOrders
            }
            if anyResting {
                checkRestingOrders(at: second * 1000)
                anyResting = account.hasOpenOrders
            }
            let boundary = account.lastFundingTime + Self.fundingInterval
            if second * 1000 >= boundary { settleFunding(at: boundary) }
        }
    }

    /// Writes the state file when something changed.
    ///
    /// The whole account is encoded each time, so writes are spaced by
    /// ``ExchangeConfiguration/stateSaveInterval``: a change inside the interval is written by a
    /// later call (every request and the 250-ms ticker call this through ``catchUp()``). Writing
    /// after every order cost 19 ms per order after a few hundred orders, and grew with history.
    func saveIfNeeded() {
        guard dirty, let store else { return }
        let now = ContinuousClock.now
        if let lastSaved, now - lastSaved < configuration.stateSaveInterval { return }
        lastSaved = now
        dirty = false
        account.savedAt = clock.now()
        var marks: [String: Decimal] = [:]
        for symbol in symbols { marks[symbol] = mark(symbol) }
        account.marks = marks
        do {
            try store.save(account)
        } catch {
            logger.error("state save failed", metadata: ["error": "\(error)"])
        }
    }

    /// Records that the account changed (and when, for `updateTime`).
    func touch(_ time: Int64) {
        account.updateTime = max(account.updateTime, time)
        dirty = true
    }

    /// Forces a final save (graceful shutdown).
    func shutdown() {
        dirty = true
        lastSaved = nil
        saveIfNeeded()
    }
}
