import FoundationEssentials
import Logging

/// One evaluation cycle: every open exchange position this instance owns is enriched with its
/// `quantum:position:{SYM}` metadata, its remembered peak and trough, and market state; the kernel
/// decides; a plan is published only when the decision changes (kernel.md §5).
package struct ExitEvaluator: Sendable {
    let configuration: ExitConfiguration
    let exchange: any Exchange
    let redis: RedisClient
    let market: MarketDataSource
    let policy: PolicyStore
    let publisher: ExitPublisher
    let logger: Logger
    let metrics = ExitMetrics()
    let memo = ExitCycleMemo()

    package init(configuration: ExitConfiguration, exchange: any Exchange, redis: RedisClient, logger: Logger) {
        self.configuration = configuration
        self.exchange = exchange
        self.redis = redis
        self.logger = logger
        let ttl = Int(configuration.interval.components.seconds) * 10
        self.market = MarketDataSource(
            exchange: exchange, redis: redis, maxAge: configuration.marketStateMaxAge,
            hashTTLSeconds: max(ttl, 60), writeHash: !configuration.shadow)
        self.policy = PolicyStore(
            redis: redis, base: configuration.parameters, refresh: configuration.policyRefresh,
            logger: logger)
        self.publisher = ExitPublisher(configuration: configuration)
    }

    /// Evaluates every owned position once; `publish` false only computes (for `exitbrain compare`).
    ///
    /// Redis traffic is pipelined: every position's hashes are read first (``ExitCycleReads``),
    /// then each position is evaluated, then the cycle's writes go out in three pipelines (see
    /// ``write(_:now:)``), in the order a position-by-position pass would send them.
    @discardableResult
    package func cycle(publish: Bool = true, now: Double = Date().timeIntervalSince1970) async throws -> [ExitDecision]
    {
        let started = ContinuousClock.now
        defer { metrics.cycle.recordNanoseconds((ContinuousClock.now - started).nanoseconds) }
        let serverTime = try await exchange.serverTime()
        let positions = try await exchange.positions(symbol: nil).filter {
            $0.positionAmount != 0 && configuration.owns($0.symbol)
        }
        if positions.isEmpty { metrics.skip("no_positions").increment() }
        let parameters = await policy.parameters(now: now)
        let priced = positions.filter { live in
            guard Self.double(live.markPrice) > 0, Self.double(live.entryPrice) > 0,
                abs(Self.double(live.positionAmount)) > 0
            else {
                metrics.skip(ExitSkip.noMarkPrice.rawValue).increment()
                logger.info("position skipped: no mark or entry price", metadata: ["symbol": "\(live.symbol)"])
                return false
            }
            return true
        }
        let reads = try await ExitCycleReads.load(priced.map(\.symbol), redis: redis, memo: memo)
        // Market state for every position whose hashes could be read, in one call to the market actor.
        let markets = await market.snapshots(
            zip(priced, reads.entries).map { live, read in
                guard case .success = read.position, case .success = read.state else { return nil }
                return (live.symbol, read.market)
            }, serverTimeMs: serverTime)
        var work: [ExitCycleWork] = []
        work.reserveCapacity(priced.count)
        for index in priced.indices {
            do {
                work.append(
                    try evaluate(
                        priced[index], read: reads.entries[index], market: markets[index],
                        parameters: parameters, now: now, publish: publish))
            } catch {
                notEvaluated(priced[index].symbol, error)
            }
        }
        let decisions = try await write(work, now: now)
        let open = Set(positions.map(\.symbol))
        await market.retain(open)
        memo.retain(open)
        if publish, memo.needsSweep(open: open, maximumAge: Self.sweepInterval) {
            try await forgetClosed(except: open)
            memo.swept(open: open)
        }
        return decisions
    }

    /// One position's decision and the writes it needs (sent later with the whole cycle's).
    private func evaluate(
        _ live: PositionRisk, read: ExitCycleReads.Entry, market: Result<MarketDataSource.Outcome, any Error>?,
        parameters: KernelParameters, now: Double, publish: Bool
    ) throws -> ExitCycleWork {
        let symbol = live.symbol
        let side: PositionSide = live.positionAmount > 0 ? .long : .short
        let quantity = abs(Self.double(live.positionAmount))
        let entry = Self.double(live.entryPrice)
        let mark = Self.double(live.markPrice)
        let hash = memo.positionHash(symbol, fields: try read.position.get())
        var flags: [String] = []
        if hash == nil { flags.append("no_position_hash") }
        let storedFields = try read.state.get()
        let stored = ExitPositionState(fields: storedFields)
        var state =
            stored.flatMap { $0.isSamePosition(side: side, entryPrice: entry, entryPlanID: hash?.planID) ? $0 : nil }
            ?? ExitPositionState(side: side, entryPrice: entry, mark: mark, now: now)
        if let planID = hash?.planID { state.entryPlanID = planID }
        state.observe(mark: mark)
        // Rewriting a state hash that already holds exactly this state changes nothing.
        let writeState = publish && !(stored == state && ExitPositionState.isComplete(storedFields))
        guard let market = try market?.get() else { throw RedisError.unexpectedReply("no market state requested") }
        guard case .success(let (snapshot, origin)) = market.result else {
            if case .failure(let skip) = market.result {
                metrics.skip(skip.rawValue).increment()
                logger.info(
                    "position skipped: no market state",
                    metadata: ["symbol": "\(symbol)", "reason": "\(skip.rawValue)"])
            }
            return ExitCycleWork(
                symbol: symbol, decision: nil, state: state, marketWrites: market.writes, commands: [],
                writeState: writeState)
        }
        let openedAt = hash?.createdAt ?? state.firstSeen
        let stop = hash?.stopLoss.map(Self.double).flatMap { $0 > 0 ? $0 : nil }  // 0 means "no stop" (kernel.md §5)
        let position = PositionSnapshot(
            symbol: symbol, side: side, entryPrice: entry, currentPrice: mark, peakPrice: state.peak,
            troughPrice: state.trough, ageSec: max(0, now - openedAt),
            unrealizedPnL: Self.double(live.unrealizedProfit) / quantity,  // per unit (kernel.md §3 FIX)
            currentSL: stop, currentTP: hash?.takeProfit.map(Self.double).flatMap { $0 > 0 ? $0 : nil })
        let kernel = HarvestKernel.evaluate(KernelInput(position: position, market: snapshot, parameters: parameters))
        var action = kernel.action
        var reasons = kernel.reasonCodes.map(\.rawValue)
        if let stop, side == .long ? mark <= stop : mark >= stop {
            action = .fullCloseProposed
            reasons.append(ReasonCode.stopLossHit.rawValue)
        }
        let publication = decide(
            action: action, newStop: kernel.newStopProposed, currentStop: stop, state: state, now: now)
        let decision = ExitDecision(
            symbol: symbol, kernel: kernel, action: action, reasons: reasons,
            publication: publication, market: snapshot, marketOrigin: origin,
            position: position, flags: flags)
        metrics.record(decision)
        guard publish else {
            return ExitCycleWork(
                symbol: symbol, decision: decision, state: state, marketWrites: market.writes, commands: [],
                writeState: false)
        }
        if publication != .none {
            let commands = publisher.commands(decision, state: &state, live: live, now: now)
            return ExitCycleWork(
                symbol: symbol, decision: decision, state: state, marketWrites: market.writes,
                commands: commands, writeState: true)
        }
        return ExitCycleWork(
            symbol: symbol, decision: decision, state: state, marketWrites: market.writes, commands: [],
            touchedProposal: publisher.touchedProposal(symbol), writeState: writeState)
    }

    /// Counts and logs a position the cycle could not evaluate or whose writes failed.
    func notEvaluated(_ symbol: String, _ error: any Error) {
        metrics.skip("error").increment()
        logger.warning("position not evaluated", metadata: ["symbol": "\(symbol)", "error": "\(error)"])
    }

    /// Publish only on a change: a higher rung than any proposed for this position, a tighter stop,
    /// or a full close still open long after it was proposed.
    func decide(action: HarvestAction, newStop: Double?, currentStop: Double?, state: ExitPositionState, now: Double)
        -> ExitDecision.Publication
    {
        if action.rank > state.proposedRank { return .close(action) }
        if action == .fullCloseProposed, state.proposedRank == 4,
            now - state.proposedAt >= configuration.reproposeFullCloseAfter
        {
            return .close(action)
        }
        if action.rank < 4, let newStop {
            let known = [currentStop, state.proposedStop > 0 ? state.proposedStop : nil].compactMap { $0 }
            let tighter = state.side == .long ? known.allSatisfy { newStop > $0 } : known.allSatisfy { newStop < $0 }
            if tighter { return .updateStop(newStop) }
        }
        return .none
    }

    /// The longest time between two sweeps while the open positions stay the same (a sweep then
    /// only finds state keys another writer left: exitbrain writes states of open positions only).
    static let sweepInterval: Duration = .seconds(60)

    /// Deletes the states of owned symbols without an open position (run when the open positions
    /// changed, and at least every ``sweepInterval``).
    private func forgetClosed(except open: Set<String>) async throws {
        var cursor = "0"
        repeat {
            let reply = try await redis.checked(["SCAN", cursor, "MATCH", "quantum:exitbrain:state:*", "COUNT", "500"])
            cursor = reply.array?.first?.string ?? "0"
            let closed = (reply.array?.last?.array?.compactMap(\.string) ?? []).filter { key in
                let symbol = String(key.dropFirst("quantum:exitbrain:state:".count))
                return !open.contains(symbol) && configuration.owns(symbol)
            }
            if !closed.isEmpty { try await redis.checked(["DEL"] + closed) }
        } while cursor != "0"
    }
}
