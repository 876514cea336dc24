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
    ///
    /// With more than one writer (``writers``, `LEDGER_WRITERS`), a chunk of `transactionSize` ×
    /// writers results is split by symbol (``LedgerWriterAssignment``) and the writers' transactions
    /// run at the same time, each on its own connection; every part of a chunk is committed before
    /// the next chunk starts. A part that fails is reported failed with every later chunk; the other
    /// parts of its chunk stay booked (they hold other symbols, which the failure cannot affect).
    package func handleBatch(_ messages: [StreamMessage]) async -> [Result<StreamDisposition, any Error>] {
        var outcomes = [Result<StreamDisposition, any Error>](repeating: .success(.ack), count: messages.count)
        guard !messages.isEmpty else { return outcomes }
        var counts = Counts()
        let chunkSize = Self.transactionSize * writers.count
        let chunks = stride(from: 0, to: messages.count, by: chunkSize).map {
            $0..<min($0 + chunkSize, messages.count)
        }
        var next = prepare(Array(messages[chunks[0]]))
        for (number, range) in chunks.enumerated() {
            let prepared = next
            let following = number + 1 < chunks.count ? Array(messages[chunks[number + 1]]) : []
            async let upcoming = prepare(following)
            let chunk = Array(messages[range])
            let (chunkOutcomes, chunkCounts) = await record(prepared, chunk)
            counts.add(chunkCounts)
            outcomes.replaceSubrange(range, with: chunkOutcomes)
            next = await upcoming
            if chunkOutcomes.contains(where: { if case .failure = $0 { true } else { false } }) {
                for index in range.upperBound..<messages.count { outcomes[index] = .failure(StreamBatchNotAttempted()) }
                break
            }
        }
        counts.report()
        if counts.results > 0 {
            logger.log(
                level: counts.fill > 0 ? .info : .debug, "results recorded",
                metadata: [
                    "results": "\(counts.results)", "fills": "\(counts.fill)", "counted": "\(counts.counted)",
                    "duplicates": "\(counts.duplicate)", "duplicate_orders": "\(counts.duplicateOrder)",
                ])
        }
        return outcomes
    }

    /// Results per ledger transaction; a larger read batch is split (see ``handleBatch(_:)``).
    static let transactionSize = 500

    /// A writer's part of a chunk, decoded and made ready for its transaction.
    struct PreparedBatch: Sendable {
        /// The decoded messages and their positions in the chunk.
        var decoded: [Decoded] = []
        var positions: [Int] = []
        /// Undecodable messages: position and dead-letter reason.
        var undecodable: [(position: Int, reason: String)] = []
        var batch = LedgerBatch([])
    }

    /// Decodes a chunk's `messages` and prepares each writer's ledger batch (CPU only, no database).
    func prepare(_ messages: [StreamMessage]) -> [PreparedBatch] {
        var decoded: [(position: Int, value: Decoded)] = []
        decoded.reserveCapacity(messages.count)
        var parts = Array(repeating: PreparedBatch(), count: writers.count)
        for position in messages.indices {
            switch decode(messages[position]) {
            case .success(let value): decoded.append((position, value))
            case .failure(let undecodable): parts[0].undecodable.append((position, undecodable.reason))
            }
        }
        let writerOf = LedgerWriterAssignment.writers(
            for: decoded.map { LedgerWriterAssignment.key($0.value.record) },
            count: writers.count)
        for (index, (position, value)) in decoded.enumerated() {
            parts[writerOf[index]].decoded.append(value)
            parts[writerOf[index]].positions.append(position)
        }
        for index in parts.indices { parts[index].batch = LedgerBatch(parts[index].decoded.map(\.record)) }
        return parts
    }

    /// Writes a chunk's parts, each in one transaction on its writer (at the same time when there
    /// are several), and returns the chunk's outcomes with their counts.
    private func record(_ parts: [PreparedBatch], _ messages: [StreamMessage]) async
        -> ([Result<StreamDisposition, any Error>], Counts)
    {
        var outcomes = [Result<StreamDisposition, any Error>](repeating: .success(.ack), count: messages.count)
        var counts = Counts()
        let busy = parts.indices.filter { !parts[$0].decoded.isEmpty || !parts[$0].undecodable.isEmpty }
        if busy.count <= 1 {
            for writer in busy {
                for (position, outcome) in await record(parts[writer], messages, on: writers[writer], counts: &counts) {
                    outcomes[position] = outcome
                }
            }
            return (outcomes, counts)
        }
        await withTaskGroup(of: ([(Int, Result<StreamDisposition, any Error>)], Counts).self) { group in
            for writer in busy {
                group.addTask {
                    var partCounts = Counts()
                    let partOutcomes = await record(parts[writer], messages, on: writers[writer], counts: &partCounts)
                    return (partOutcomes, partCounts)
                }
            }
            for await (partOutcomes, partCounts) in group {
                for (position, outcome) in partOutcomes { outcomes[position] = outcome }
                counts.add(partCounts)
            }
        }
        // A part that succeeded after another failed for an outage set the health back to true.
        for case .failure(let error as PostgresError) in outcomes where error.isTransient {
            health?.set("postgres", healthy: false, detail: "\(error)")
            break
        }
        return (outcomes, counts)
    }

    /// Writes one prepared part in one transaction on `store`; returns its messages' outcomes by position.
    private func record(
        _ prepared: PreparedBatch, _ messages: [StreamMessage], on store: LedgerStore, counts: inout Counts
    ) async -> [(Int, Result<StreamDisposition, any Error>)] {
        var outcomes: [(Int, Result<StreamDisposition, any Error>)] = []
        for (position, reason) in prepared.undecodable {
            Self.outcome("undecodable").increment()
            outcomes.append((position, .success(.deadLetter(reason: reason))))
        }
        guard !prepared.batch.isEmpty else { return outcomes }
        let recorded: [LedgerOutcome]
        do {
            recorded = try await store.recordBatch(prepared.batch)
        } catch {
            if error.isTransient {
                health?.set("postgres", healthy: false, detail: "\(error)")
            } else {
                logger.warning(
                    "ledger rejected a batch; recording its results one at a time",
                    metadata: [
                        "results": "\(prepared.batch.count)", "error": "\(error)",
                    ])
            }
            for position in prepared.positions { outcomes.append((position, .failure(error))) }
            return outcomes
        }
        health?.set("postgres", healthy: true)
        for (index, outcome) in recorded.enumerated() {
            noteUnbookable(prepared.decoded[index], id: messages[prepared.positions[index]].id)
            outcomes.append((prepared.positions[index], .success(.ack)))
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
        return outcomes
    }

    /// Outcomes of a read batch, counted once into `harvestbrain_results_total`.
    struct Counts {
        var results = 0, fill = 0, counted = 0, duplicate = 0, duplicateOrder = 0

        mutating func add(_ other: Counts) {
            results += other.results
            fill += other.fill
            counted += other.counted
            duplicate += other.duplicate
            duplicateOrder += other.duplicateOrder
        }

        func report() {
            for (name, count) in [
                ("fill", fill), ("counted", counted), ("duplicate", duplicate),
                ("duplicate_order", duplicateOrder),
            ] where count > 0 {
                ResultRecorder.outcome(name).increment(by: count)
            }
        }
    }
}
