import Foundation
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

    package init(configuration: ApplyConfiguration, redis: RedisClient, exchange: any Exchange, logger: Logger,
                 health: HealthState? = nil) {
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
                logger.warning("position reconciliation failed; retrying next interval", metadata: ["error": "\(error)"])
            }
            await gracefulSleep(for: configuration.reconcileInterval)
        }
    }

    /// One pass; returns the number of drifts found.
    @discardableResult
    package func reconcileOnce() async throws -> Int {
        let positions = try await exchange.positions(symbol: nil).filter { $0.positionAmount != 0 }
        metrics.positions.record(positions.count)
        var hashes: [String: PositionHash?] = [:]
        for key in try await positionKeys() {
            guard let symbol = ApplyKeys.positionSymbol(fromKey: key) else { continue }
            hashes[symbol] = try? PositionHash.decode(fields: try await redis.hashGetAll(key), symbol: symbol)
        }
        var drifts = 0
        for (symbol, hash) in hashes where hash == nil || !positions.contains(where: { $0.symbol == symbol }) {
            drifts += 1
            record("ghost", symbol, "hash without an exchange position")
            if !configuration.isDry { try await redis.delete(ApplyKeys.position(symbol)) }
        }
        for position in positions {
            let side: PositionHash.Side = position.positionAmount > 0 ? .long : .short
            let quantity = abs(position.positionAmount)
            if let existing = hashes[position.symbol] ?? nil {
                guard existing.side != side || existing.quantity != quantity else { continue }
                drifts += 1
                record(existing.side != side ? "side" : "quantity", position.symbol,
                       "hash \(existing.side.rawValue) \(existing.quantity), exchange \(side.rawValue) \(quantity)")
                if !configuration.isDry {
                    try await redis.hashSet(ApplyKeys.position(position.symbol), [
                        ("side", side.rawValue), ("quantity", WireDecimal.format(quantity)),
                        ("entry_price", WireDecimal.format(position.entryPrice)),
                        ("updated_at", String(Int(Date().timeIntervalSince1970))),
                    ])
                }
            } else {
                drifts += 1
                record("missing", position.symbol, "exchange position without a hash")
                if !configuration.isDry {
                    var hash = PositionHash(symbol: position.symbol, side: side, quantity: quantity)
                    hash.entryPrice = position.entryPrice
                    hash.leverage = position.leverage.map { Decimal($0) }
                    hash.createdAt = Date().timeIntervalSince1970
                    hash.updatedAt = hash.createdAt
                    hash.source = "applylayer_reconcile"
                    hash.riskMissing = true
                    try await redis.hashSet(ApplyKeys.position(position.symbol), hash.encode())
                }
            }
        }
        return drifts
    }

    private func record(_ kind: String, _ symbol: String, _ detail: String) {
        metrics.drift(kind).increment()
        logger.warning("position drift", metadata: ["kind": "\(kind)", "symbol": "\(symbol)", "detail": "\(detail)",
                                                    "fixed": "\(!configuration.isDry)"])
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
