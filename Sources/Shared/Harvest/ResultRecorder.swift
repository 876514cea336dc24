import FoundationEssentials
import Logging
import Metrics

/// harvestbrain's handler: every result on `apply.result` becomes ledger rows, acknowledged after
/// the commit: a read batch in one multi-row transaction (``handleBatch(_:)``,
/// ResultRecorder+Batch.swift), a retried message alone (``handle(_:)``). A PostgreSQL outage is
/// thrown back to the consumer, which keeps the message and retries (consumption pauses, nothing
/// is lost); a redelivery changes nothing.
package struct ResultRecorder: StreamMessageHandler {
    /// Where a retried message is recorded alone; also the first of ``writers``.
    let store: LedgerStore
    /// The ledger writers a read batch is split over, `store` first (see ``handleBatch(_:)``).
    let writers: [LedgerStore]
    let exchange: String
    let logger: Logger
    let health: HealthState?

    /// `moreWriters`: stores on connections of their own, to write parts of a read batch at the
    /// same time as `store` (`LEDGER_WRITERS`); none, and every batch is written by `store` alone.
    package init(
        store: LedgerStore, moreWriters: [LedgerStore] = [], exchange: String = "binance_usdm", logger: Logger,
        health: HealthState? = nil
    ) {
        self.store = store
        self.writers = [store] + moreWriters
        self.exchange = exchange
        self.logger = logger
        self.health = health
    }

    package func handle(_ message: StreamMessage) async throws -> StreamDisposition {
        let decoded: Decoded
        switch decode(message) {
        case .success(let value): decoded = value
        case .failure(let undecodable):
            Self.outcome("undecodable").increment()
            return .deadLetter(reason: undecodable.reason)
        }
        let record = decoded.record
        do {
            let outcome = try await store.record(record)
            health?.set("postgres", healthy: true)
            noteUnbookable(decoded, id: message.id)
            switch outcome {
            case .recorded(let order): Self.outcome(order ? "fill" : "counted").increment()
            case .duplicate: Self.outcome("duplicate").increment()
            case .duplicateOrder: Self.outcome("duplicate_order").increment()
            }
            if case .recorded(true) = outcome { logFill(record, level: .info) }
            return .ack
        } catch  where error.isTransient {
            health?.set("postgres", healthy: false, detail: "\(error)")
            throw error
        } catch {
            Self.outcome("rejected").increment()
            return .deadLetter(reason: "ledger_rejected:\(error)")
        }
    }

    /// A decoded message: the wire result and the ledger's record of it.
    struct Decoded {
        let result: ApplyResult
        let record: LedgerResult
    }

    /// Why a message cannot be recorded: the dead-letter reason.
    struct Undecodable: Error {
        let reason: String
    }

    /// Decodes `message`; an undecodable one gets its dead-letter reason (the caller counts it).
    func decode(_ message: StreamMessage) -> Result<Decoded, Undecodable> {
        let values = message.values
        let result: ApplyResult
        do {
            result = try ApplyResult(fields: values)
        } catch {
            return .failure(Undecodable(reason: "undecodable_result:\(error.field):\(error.code)"))
        }
        let record = LedgerResult(
            result, stream: message.stream, entryID: message.id, extra: values, exchange: exchange)
        return .success(Decoded(result: result, record: record))
    }

    /// Counts and logs an executed result with nothing to book (the desk's stale `qty=0.0` backlog,
    /// or a fill without a side), once it is recorded.
    func noteUnbookable(_ decoded: Decoded, id: String) {
        let result = decoded.result
        guard result.executed, decoded.record.fill == nil else { return }
        Self.outcome("executed_without_fill").increment()
        logger.warning(
            "executed result without a bookable fill; counted, not booked",
            metadata: [
                "id": "\(id)", "symbol": "\(result.symbol)", "filled_qty": "\(result.filledQty.map { "\($0)" } ?? "")",
                "side": "\(result.side ?? "")",
            ])
    }

    /// `fill recorded` with the plan, symbol, quantity and realized PnL.
    func logFill(_ record: LedgerResult, level: Logger.Level) {
        guard logger.logLevel <= level else { return }
        logger.log(
            level: level, "fill recorded",
            metadata: [
                "plan.id": "\(record.planID ?? "")", "symbol": "\(record.symbol ?? "")",
                "qty": "\(record.fill.map { "\($0.quantity)" } ?? "")",
                "realized_pnl": "\(record.fill.map { "\($0.realizedPnL)" } ?? "")",
            ])
    }

    /// `harvestbrain_results_total{outcome}`.
    static func outcome(_ outcome: String) -> Counter {
        Counter(label: "harvestbrain_results_total", dimensions: [("outcome", outcome)])
    }
}
