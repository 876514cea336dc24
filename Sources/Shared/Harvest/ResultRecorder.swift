import Foundation
import Logging
import Metrics

/// harvestbrain's handler: every result on `apply.result` becomes ledger rows in one transaction,
/// acknowledged after the commit. A PostgreSQL outage is thrown back to the consumer, which keeps
/// the message and retries (consumption pauses, nothing is lost); a redelivery changes nothing.
package struct ResultRecorder: StreamMessageHandler {
    let store: LedgerStore
    let exchange: String
    let logger: Logger
    let health: HealthState?

    package init(store: LedgerStore, exchange: String = "binance_usdm", logger: Logger, health: HealthState? = nil) {
        self.store = store
        self.exchange = exchange
        self.logger = logger
        self.health = health
    }

    package func handle(_ message: StreamMessage) async throws -> StreamDisposition {
        let values = message.values
        let result: ApplyResult
        do {
            result = try ApplyResult(fields: values)
        } catch {
            Self.outcome("undecodable").increment()
            return .deadLetter(reason: "undecodable_result:\(error.field):\(error.code)")
        }
        let record = LedgerResult(result, stream: message.stream, entryID: message.id, extra: values, exchange: exchange)
        if result.executed, record.fill == nil {
            // Executed with nothing to book: the desk's stale `qty=0.0` backlog, or a fill without a side.
            Self.outcome("executed_without_fill").increment()
            logger.warning("executed result without a bookable fill; counted, not booked", metadata: [
                "id": "\(message.id)", "symbol": "\(result.symbol)", "filled_qty": "\(result.filledQty.map { "\($0)" } ?? "")",
                "side": "\(result.side ?? "")",
            ])
        }
        do {
            let outcome = try await store.record(record)
            health?.set("postgres", healthy: true)
            switch outcome {
            case .recorded(let order): Self.outcome(order ? "fill" : "counted").increment()
            case .duplicate: Self.outcome("duplicate").increment()
            case .duplicateOrder: Self.outcome("duplicate_order").increment()
            }
            if case .recorded(true) = outcome {
                logger.info("fill recorded", metadata: [
                    "plan.id": "\(result.planID ?? "")", "symbol": "\(result.symbol)",
                    "qty": "\(record.fill.map { "\($0.quantity)" } ?? "")",
                    "realized_pnl": "\(record.fill.map { "\($0.realizedPnL)" } ?? "")",
                ])
            }
            return .ack
        } catch where error.isTransient {
            health?.set("postgres", healthy: false, detail: "\(error)")
            throw error
        } catch {
            Self.outcome("rejected").increment()
            return .deadLetter(reason: "ledger_rejected:\(error)")
        }
    }

    /// `harvestbrain_results_total{outcome}`.
    static func outcome(_ outcome: String) -> Counter {
        Counter(label: "harvestbrain_results_total", dimensions: [("outcome", outcome)])
    }
}
