import Logging

extension ResultRecorder {
    /// Records a read batch in one multi-row ledger transaction (``LedgerStore/recordBatch(_:)-(LedgerBatch)``).
    ///
    /// Undecodable messages are dead-lettered as ``handle(_:)`` would; the others are recorded
    /// together and acknowledged after the commit, with the same `harvestbrain_results_total`
    /// counts as one at a time. Logs: each `fill recorded` line at debug level, and one
    /// `results recorded` summary per batch (info when it booked a fill, debug otherwise), so a
    /// drain at 10,000 results/s writes about 20 info lines a second, not 10,000.
    ///
    /// When the transaction fails, every decodable message is reported failed with the error and
    /// the consumer retries them one at a time, in order, through ``handle(_:)``: a transient
    /// error (PostgreSQL down) marks `postgres` unhealthy and the retries back off; a row
    /// PostgreSQL rejects rolls the batch back, and the one-at-a-time path books the others and
    /// dead-letters only that one (`ledger_rejected`).
    ///
    /// A read batch larger than ``transactionSize`` is written in transactions of that size, one
    /// after the other, in stream order, while the next one is decoded: harvestbrain's decoding and
    /// PostgreSQL's work overlap instead of waiting on each other. When one transaction fails, it and
    /// every later message are reported failed (later round trips may depend on it) and go through
    /// the one-at-a-time path in order.
    package func handleBatch(_ messages: [StreamMessage]) async -> [Result<StreamDisposition, any Error>] {
        var outcomes = [Result<StreamDisposition, any Error>](repeating: .success(.ack), count: messages.count)
        guard !messages.isEmpty else { return outcomes }
        var counts = Counts()
        let chunks = stride(from: 0, to: messages.count, by: Self.transactionSize).map {
            $0..<min($0 + Self.transactionSize, messages.count)
        }
        var next = prepare(Array(messages[chunks[0]]))
        for (number, range) in chunks.enumerated() {
            let prepared = next
            let following = number + 1 < chunks.count ? Array(messages[chunks[number + 1]]) : []
            async let upcoming = prepare(following)
            let chunk = Array(messages[range])
            var chunkOutcomes = [Result<StreamDisposition, any Error>](repeating: .success(.ack), count: chunk.count)
            await record(prepared, chunk, into: &chunkOutcomes, counts: &counts)
            outcomes.replaceSubrange(range, with: chunkOutcomes)
            next = await upcoming
            if chunkOutcomes.contains(where: { if case .failure = $0 { true } else { false } }) {
                for index in range.upperBound..<messages.count { outcomes[index] = .failure(StreamBatchNotAttempted()) }
                break
            }
        }
        counts.report()
        if counts.results > 0 {
            logger.log(level: counts.fill > 0 ? .info : .debug, "results recorded", metadata: [
                "results": "\(counts.results)", "fills": "\(counts.fill)", "counted": "\(counts.counted)",
                "duplicates": "\(counts.duplicate)", "duplicate_orders": "\(counts.duplicateOrder)",
            ])
        }
        return outcomes
    }

    /// Results per ledger transaction; a larger read batch is split (see ``handleBatch(_:)``).
    static let transactionSize = 500

    /// A read batch decoded and made ready for its transaction.
    struct PreparedBatch: Sendable {
        /// The decoded messages and their positions in the read batch.
        var decoded: [Decoded] = []
        var positions: [Int] = []
        /// Undecodable messages: position and dead-letter reason.
        var undecodable: [(position: Int, reason: String)] = []
        var batch = LedgerBatch([])
    }

    /// Decodes `messages` and prepares their ledger batch (CPU only, no database).
    func prepare(_ messages: [StreamMessage]) -> PreparedBatch {
        var prepared = PreparedBatch()
        prepared.decoded.reserveCapacity(messages.count)
        prepared.positions.reserveCapacity(messages.count)
        for position in messages.indices {
            switch decode(messages[position]) {
            case .success(let value):
                prepared.decoded.append(value)
                prepared.positions.append(position)
            case .failure(let undecodable):
                prepared.undecodable.append((position, undecodable.reason))
            }
        }
        prepared.batch = LedgerBatch(prepared.decoded.map(\.record))
        return prepared
    }

    /// Writes a prepared batch in one transaction and sets its messages' outcomes.
    private func record(
        _ prepared: PreparedBatch, _ messages: [StreamMessage], into outcomes: inout [Result<StreamDisposition, any Error>],
        counts: inout Counts
    ) async {
        for (position, reason) in prepared.undecodable {
            Self.outcome("undecodable").increment()
            outcomes[position] = .success(.deadLetter(reason: reason))
        }
        guard !prepared.batch.isEmpty else { return }
        let recorded: [LedgerOutcome]
        do {
            recorded = try await store.recordBatch(prepared.batch)
        } catch {
            if error.isTransient {
                health?.set("postgres", healthy: false, detail: "\(error)")
            } else {
                logger.warning("ledger rejected a batch; recording its results one at a time", metadata: [
                    "results": "\(prepared.batch.count)", "error": "\(error)",
                ])
            }
            for position in prepared.positions { outcomes[position] = .failure(error) }
            return
        }
        health?.set("postgres", healthy: true)
        for (index, outcome) in recorded.enumerated() {
            noteUnbookable(prepared.decoded[index], id: messages[prepared.positions[index]].id)
            counts.results += 1
            switch outcome {
            case .recorded(true):
                counts.fill += 1
                logFill(prepared.decoded[index].record, level: .debug)
            case .recorded(false): counts.counted += 1
            case .duplicate: counts.duplicate += 1
            case .duplicateOrder: counts.duplicateOrder += 1
            }
        }
    }

    /// Outcomes of a read batch, counted once into `harvestbrain_results_total`.
    struct Counts {
        var results = 0, fill = 0, counted = 0, duplicate = 0, duplicateOrder = 0

        func report() {
            for (name, count) in [("fill", fill), ("counted", counted), ("duplicate", duplicate),
                                  ("duplicate_order", duplicateOrder)] where count > 0 {
                ResultRecorder.outcome(name).increment(by: count)
            }
        }
    }
}
