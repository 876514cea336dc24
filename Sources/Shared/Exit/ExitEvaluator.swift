import Foundation
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

    package init(configuration: ExitConfiguration, exchange: any Exchange, redis: RedisClient, logger: Logger) {
        self.configuration = configuration
        self.exchange = exchange
        self.redis = redis
        self.logger = logger
        let ttl = Int(configuration.interval.components.seconds) * 10
        self.market = MarketDataSource(exchange: exchange, redis: redis, maxAge: configuration.marketStateMaxAge,
                                       hashTTLSeconds: max(ttl, 60), writeHash: !configuration.shadow)
        self.policy = PolicyStore(redis: redis, base: configuration.parameters, refresh: configuration.policyRefresh,
                                  logger: logger)
        self.publisher = ExitPublisher(configuration: configuration, redis: redis)
    }

    /// Evaluates every owned position once; `publish` false only computes (for `exitbrain compare`).
    @discardableResult
    package func cycle(publish: Bool = true, now: Double = Date().timeIntervalSince1970) async throws -> [ExitDecision] {
        let started = ContinuousClock.now
        defer { metrics.cycle.recordNanoseconds((ContinuousClock.now - started).nanoseconds) }
        let serverTime = try await exchange.serverTime()
        let positions = try await exchange.positions(symbol: nil).filter { $0.positionAmount != 0 && configuration.owns($0.symbol) }
        if positions.isEmpty { metrics.skip("no_positions").increment() }
        let parameters = await policy.parameters(now: now)
        var decisions: [ExitDecision] = []
        for position in positions {
            do {
                if let decision = try await evaluate(position, parameters: parameters, serverTime: serverTime, now: now,
                                                     publish: publish) {
                    decisions.append(decision)
                }
            } catch {
                metrics.skip("error").increment()
                logger.warning("position not evaluated", metadata: ["symbol": "\(position.symbol)", "error": "\(error)"])
            }
        }
        let open = Set(positions.map(\.symbol))
        await market.retain(open)
        if publish { try await forgetClosed(except: open) }
        return decisions
    }

    private func evaluate(_ live: PositionRisk, parameters: KernelParameters, serverTime: Int64, now: Double, publish: Bool)
        async throws -> ExitDecision?
    {
        let symbol = live.symbol
        let side: PositionSide = live.positionAmount > 0 ? .long : .short
        let quantity = abs(Self.double(live.positionAmount))
        let entry = Self.double(live.entryPrice)
        let mark = Self.double(live.markPrice)
        guard mark > 0, entry > 0, quantity > 0 else {
            metrics.skip(ExitSkip.noMarkPrice.rawValue).increment()
            logger.info("position skipped: no mark or entry price", metadata: ["symbol": "\(symbol)"])
            return nil
        }
        let hashFields = try await redis.hashGetAll(ApplyKeys.position(symbol))
        let hash = try? PositionHash.decode(fields: hashFields, symbol: symbol)
        var flags: [String] = []
        if hash == nil { flags.append("no_position_hash") }
        let stored = ExitPositionState(fields: try await redis.hashGetAll(ExitPositionState.key(symbol)))
        var state = stored.flatMap { $0.isSamePosition(side: side, entryPrice: entry, entryPlanID: hash?.planID) ? $0 : nil }
            ?? ExitPositionState(side: side, entryPrice: entry, mark: mark, now: now)
        if let planID = hash?.planID { state.entryPlanID = planID }
        state.observe(mark: mark)
        let marketResult = try await market.snapshot(symbol, serverTimeMs: serverTime)
        guard case .success(let (snapshot, origin)) = marketResult else {
            if case .failure(let skip) = marketResult {
                metrics.skip(skip.rawValue).increment()
                logger.info("position skipped: no market state", metadata: ["symbol": "\(symbol)", "reason": "\(skip.rawValue)"])
            }
            if publish { try await redis.hashSet(ExitPositionState.key(symbol), state.fields) }
            return nil
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
        let publication = decide(action: action, newStop: kernel.newStopProposed, currentStop: stop, state: state, now: now)
        let decision = ExitDecision(symbol: symbol, kernel: kernel, action: action, reasons: reasons,
                                    publication: publication, market: snapshot, marketOrigin: origin,
                                    position: position, flags: flags)
        metrics.record(decision)
        guard publish else { return decision }
        if publication != .none {
            try await publisher.publish(decision, state: &state, live: live, now: now)
            logger.info("exit plan published", metadata: [
                "symbol": "\(symbol)", "action": "\(action.rawValue)", "kill_score": "\(kernel.killScore.value)",
                "r_net": "\(kernel.rNet)", "reasons": "\(reasons.joined(separator: ","))",
                "stream": "\(configuration.targetStream)", "flags": "\(flags.joined(separator: ","))",
            ])
        } else {
            try await publisher.touchProposal(symbol, now: now)
        }
        try await redis.hashSet(ExitPositionState.key(symbol), state.fields)
        return decision
    }

    /// Publish only on a change: a higher rung than any proposed for this position, a tighter stop,
    /// or a full close still open long after it was proposed.
    func decide(action: HarvestAction, newStop: Double?, currentStop: Double?, state: ExitPositionState, now: Double)
        -> ExitDecision.Publication
    {
        if action.rank > state.proposedRank { return .close(action) }
        if action == .fullCloseProposed, state.proposedRank == 4, now - state.proposedAt >= configuration.reproposeFullCloseAfter {
            return .close(action)
        }
        if action.rank < 4, let newStop {
            let known = [currentStop, state.proposedStop > 0 ? state.proposedStop : nil].compactMap { $0 }
            let tighter = state.side == .long ? known.allSatisfy { newStop > $0 } : known.allSatisfy { newStop < $0 }
            if tighter { return .updateStop(newStop) }
        }
        return .none
    }

    private func forgetClosed(except open: Set<String>) async throws {
        var cursor = "0"
        repeat {
            let reply = try await redis.checked(["SCAN", cursor, "MATCH", "quantum:exitbrain:state:*", "COUNT", "500"])
            cursor = reply.array?.first?.string ?? "0"
            for key in reply.array?.last?.array?.compactMap(\.string) ?? [] {
                let symbol = String(key.dropFirst("quantum:exitbrain:state:".count))
                if !open.contains(symbol), configuration.owns(symbol) { try await redis.delete(key) }
            }
        } while cursor != "0"
    }

    static func double(_ value: Decimal) -> Double { Double("\(value)") ?? 0 }
}
