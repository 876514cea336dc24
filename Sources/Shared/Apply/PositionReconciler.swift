import FoundationEssentials
import Logging
import ServiceLifecycle

/// Compares exchange positions with the `quantum:position:{SYM}` hashes at start-up and every
/// interval, fixes the hashes (outside dry_run) and logs and counts every drift.
///
/// Only keys of the exact form `quantum:position:{SYMBOL}` are touched; sub-keys such as
/// `quantum:position:snapshot:*`, `:ledger:*`, `:claim:*` belong to other services.
package struct PositionReconciler: Service {
    let configuration: ApplyConfiguration
    let redis: RedisClient
    let exchange: any Exchange
    let logger: Logger
    let health: HealthState?
    let metrics = ApplyMetrics()
    /// Owner name of the symbol leases the reconciler takes (never a plan's consumer name).
    let leaseOwner = "reconciler:\(UUID().uuidString.prefix(8))"

    package init(
        configuration: ApplyConfiguration, redis: RedisClient, exchange: any Exchange, logger: Logger,
        health: HealthState? = nil
    ) {
        self.configuration = configuration
        self.redis = redis
        self.exchange = exchange
        self.logger = logger
        self.health = health
    }

    package func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let drifts = try await reconcileOnce()
                health?.set("exchange", healthy: true)
                if drifts > 0 { logger.info("positions reconciled", metadata: ["drifts": "\(drifts)"]) }
            } catch {
                health?.set("exchange", healthy: false, detail: "\(error)")
                logger.warning(
                    "position reconciliation failed; retrying next interval", metadata: ["error": "\(error)"])
            }
            await gracefulSleep(for: configuration.reconcileInterval)
        }
    }

    /// One pass; returns the number of drifts found (and fixed, outside dry_run).
    ///
    /// A first look (every exchange position, every hash) names the symbols that may have drifted;
    /// each is then checked again, and fixed, under the symbol's lease with the exchange position
    /// read anew. A plan in flight holds that lease and writes the hash itself: its symbol is left
    /// for the next pass (without the lease, a close between the two reads looked like drift and
    /// the stale exchange figure overwrote the fresh hash; an entry looked like a ghost).
    @discardableResult
    package func reconcileOnce() async throws -> Int {
        let positions = try await exchange.positions(symbol: nil).filter { $0.positionAmount != 0 }
        metrics.positions.record(positions.count)
        var hashes: [String: PositionHash?] = [:]
        for key in try await positionKeys() {
            guard let symbol = ApplyKeys.positionSymbol(fromKey: key) else { continue }
            hashes[symbol] = try? PositionHash.decode(fields: try await redis.hashGetAll(key), symbol: symbol)
        }
        var suspects: [String] = []
        for (symbol, hash) in hashes where drift(positions.first { $0.symbol == symbol }, hash) != nil {
            suspects.append(symbol)
        }
        for position in positions where hashes[position.symbol] == nil && !suspects.contains(position.symbol) {
            suspects.append(position.symbol)
        }
        var drifts = 0
        for symbol in suspects.sorted() where try await fixUnderLease(symbol) { drifts += 1 }
        return drifts
    }

    /// The drift between an exchange position (nil: none) and a hash (nil: no key; `.some(nil)`:
    /// a key that does not decode), or nil when they agree.
    private func drift(_ position: PositionRisk?, _ hash: PositionHash??) -> String? {
        guard let position, position.positionAmount != 0 else { return hash == nil ? nil : "ghost" }
        guard let hash else { return "missing" }
        guard let existing = hash else { return "ghost" }
        let side: PositionHash.Side = position.positionAmount > 0 ? .long : .short
        if existing.side != side { return "side" }
        return existing.quantity != abs(position.positionAmount) ? "quantity" : nil
    }

    /// Checks `symbol` again under its lease and fixes its hash; false when it agrees now or a plan
    /// holds the lease.
    private func fixUnderLease(_ symbol: String) async throws -> Bool {
        let key = ApplyKeys.lease(symbol)
        guard
            try await redis.set(
                key, leaseOwner, expireMilliseconds: configuration.symbolLeaseMilliseconds,
                onlyIfAbsent: true)
        else {
            metrics.reconcileDeferred.increment()
            logger.info(
                "possible position drift left for the next pass: a plan holds the symbol's lease",
                metadata: ["symbol": "\(symbol)"])
            return false
        }
        let fixed: Bool
        do {
            fixed = try await fix(symbol)
        } catch {
            _ = try? await redis.send(["EVAL", SymbolLease.releaseScript, "1", key, leaseOwner])
            throw error
        }
        _ = try? await redis.send(["EVAL", SymbolLease.releaseScript, "1", key, leaseOwner])
        return fixed
    }

    /// Re-reads `symbol`'s exchange position and hash and fixes the hash; false when they agree.
    private func fix(_ symbol: String) async throws -> Bool {
        let position = try await exchange.position(symbol: symbol)
        let fields = try await redis.hashGetAll(ApplyKeys.position(symbol))
        let hash: PositionHash?? =
            fields.isEmpty ? nil : .some(try? PositionHash.decode(fields: fields, symbol: symbol))
        guard let kind = drift(position, hash) else { return false }
        switch kind {
        case "ghost":
            record(kind, symbol, "hash without an exchange position")
            if !configuration.isDry { try await redis.delete(ApplyKeys.position(symbol)) }
        case "missing":
            guard let position else { return false }
            record(kind, symbol, "exchange position without a hash")
            if !configuration.isDry {
                var created = PositionHash(
                    symbol: symbol, side: position.positionAmount > 0 ? .long : .short,
                    quantity: abs(position.positionAmount))
                created.entryPrice = position.entryPrice
                created.leverage = position.leverage.map { Decimal($0) }
                created.createdAt = Date().timeIntervalSince1970
                created.updatedAt = created.createdAt
                created.source = "applylayer_reconcile"
                created.riskMissing = true
                try await redis.hashSet(ApplyKeys.position(symbol), created.encode())
            }
        default:
            guard let position, let existing = hash ?? nil else { return false }
            let side: PositionHash.Side = position.positionAmount > 0 ? .long : .short
            let quantity = abs(position.positionAmount)
            record(
                kind, symbol,
                "hash \(existing.side.rawValue) \(existing.quantity), exchange \(side.rawValue) \(quantity)")
            if !configuration.isDry {
                try await redis.hashSet(
                    ApplyKeys.position(symbol),
                    [
                        ("side", side.rawValue), ("quantity", WireDecimal.format(quantity)),
                        ("entry_price", WireDecimal.format(position.entryPrice)),
                        ("updated_at", String(Int(Date().timeIntervalSince1970))),
                    ])
            }
        }
        return true
    }

    private func record(_ kind: String, _ symbol: String, _ detail: String) {
        metrics.drift(kind).increment()
        logger.warning(
            "position drift",
            metadata: [
                "kind": "\(kind)", "symbol": "\(symbol)", "detail": "\(detail)",
                "fixed": "\(!configuration.isDry)",
            ])
    }

    private func positionKeys() async throws -> [String] {
        var cursor = "0"
        var keys: [String] = []
        repeat {
            let reply = try await redis.checked(["SCAN", cursor, "MATCH", "quantum:position:*", "COUNT", "500"])
            guard let parts = reply.array, parts.count == 2, let next = parts[0].string else {
                throw RedisError.unexpectedReply("SCAN")
            }
            keys += (parts[1].array ?? []).compactMap(\.string)
            cursor = next
        } while cursor != "0"
        return keys
    }
}
