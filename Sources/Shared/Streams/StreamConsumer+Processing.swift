import FoundationEssentials
import Logging

extension StreamConsumer {
    /// Re-reads this consumer's own pending entries (id `0` onwards) and processes them.
    func recoverOwnPending() async throws(RedisError) {
        var start = "0"
        var recovered = 0
        while isRunning {
            let reply = try await redis.send([
                "XREADGROUP", "GROUP", configuration.group, configuration.consumer,
                "COUNT", String(configuration.batchSize), "STREAMS", configuration.stream, start,
            ])
            let entries = try StreamEntries.fromRead(reply)
            guard let last = entries.last else { break }
            let counts = try await deliveryCounts(from: entries[0].id, to: last.id)
            var acks: [String] = []
            try await processBatch(entries, deliveries: counts, acks: &acks)
            try await flush(&acks)
            guard isRunning else { return }
            recovered += entries.count
            start = last.id
        }
        if recovered > 0 { logger.info("recovered own pending entries", metadata: ["count": "\(recovered)"]) }
    }

    /// Claims entries idle past the threshold in other consumers' pending lists and processes them.
    func claimIdleEntries() async throws(RedisError) {
        var cursor = "0-0"
        var claimed = 0
        repeat {
            let reply = try await redis.send([
                "XAUTOCLAIM", configuration.stream, configuration.group, configuration.consumer,
                String(configuration.claimIdle.wholeMilliseconds), cursor, "COUNT", String(configuration.batchSize),
            ])
            let (next, entries) = try StreamEntries.fromAutoClaim(reply)
            if let first = entries.first, let last = entries.last {
                let counts = try await deliveryCounts(from: first.id, to: last.id)
                var acks: [String] = []
                try await processBatch(entries, deliveries: counts, acks: &acks)
                try await flush(&acks)
                guard isRunning else { return }
            }
            claimed += entries.count
            cursor = next
        } while cursor != "0-0" && isRunning
        if claimed > 0 {
            metrics.claimed.increment(by: claimed)
            logger.info("claimed idle entries from other consumers", metadata: ["count": "\(claimed)"])
        }
    }

    /// Handles one read batch: deleted entries are acknowledged, entries over the delivery limit
    /// dead-lettered, the rest handed to the handler's ``StreamMessageHandler/handleBatch(_:)``
    /// together. Successes are acknowledged (one `XACK`) before any failure is retried; each failed
    /// message is then retried alone by ``process(_:deliveries:acks:after:)`` (in order, with
    /// backoff), unless a stop was requested (it stays pending).
    /// `deliveries` maps entry ids to delivery counts (missing: first delivery).
    func processBatch(_ entries: [StreamEntries.Entry], deliveries: [String: Int], acks: inout [String])
        async throws(RedisError)
    {
        var batch: [StreamMessage] = []
        var batchEntries: [StreamEntries.Entry] = []
        for entry in entries {
            guard isRunning else { return }
            let count = deliveries[entry.id] ?? 1
            guard let fields = entry.fields, count <= configuration.maxDeliveries else {
                try await process(entry, deliveries: count, acks: &acks)
                continue
            }
            batch.append(StreamMessage(stream: configuration.stream, id: entry.id, fields: fields, deliveries: count))
            batchEntries.append(entry)
        }
        guard !batch.isEmpty else { return }
        let outcomes = await handler.handleBatch(batch)
        // What succeeded is finished first (acknowledged, or dead-lettered), so a message waiting
        // out an outage does not hold back the acknowledgement of the others.
        var failed: [(index: Int, error: any Error)] = []
        for (index, message) in batch.enumerated() {
            let outcome: Result<StreamDisposition, any Error> =
                index < outcomes.count ? outcomes[index] : .failure(StreamBatchNotAttempted())
            switch outcome {
            case .success(.ack):
                acks.append(message.id)
                onProgress()
            case .success(.deadLetter(let reason)):
                try await flush(&acks)
                try await deadLetter(message, reason: reason)
                onProgress()
            case .failure(let error as RedisError):
                throw error
            case .failure(let error):
                failed.append((index, error))
            }
        }
        try await flush(&acks)
        for (index, error) in failed {
            guard isRunning else { return }
            let first = error is StreamBatchNotAttempted ? nil : error
            try await process(batchEntries[index], deliveries: batch[index].deliveries, acks: &acks, after: first)
        }
    }

    /// Handles one entry: dead-letters it when over the delivery limit, otherwise runs the handler
    /// (retrying while it reports its dependency down) and finishes as the handler says. Entries to
    /// acknowledge are collected in `acks` and sent in one `XACK` per batch by ``flush(_:)``.
    /// `after` is the failure of the message's first attempt (in its batch), waited out before the next.
    func process(_ entry: StreamEntries.Entry, deliveries: Int, acks: inout [String], after failure: (any Error)? = nil)
        async throws(RedisError)
    {
        guard let fields = entry.fields else {
            acks.append(entry.id)
            metrics.outcome("deleted").increment()
            logger.warning("pending entry was deleted from the stream; acknowledged", metadata: ["id": "\(entry.id)"])
            return
        }
        let message = StreamMessage(stream: configuration.stream, id: entry.id, fields: fields, deliveries: deliveries)
        if deliveries > configuration.maxDeliveries {
            try await flush(&acks)
            try await deadLetter(message, reason: "max_deliveries_exceeded")
            return
        }
        var backoff = configuration.retryBackoff
        if let failure {
            guard try await waitAfterFailure(failure, &backoff, acks: &acks) else { return }
        }
        while true {
            do {
                switch try await handler.handle(message) {
                case .ack:
                    acks.append(entry.id)
                case .deadLetter(let reason):
                    try await flush(&acks)
                    try await deadLetter(message, reason: reason)
                }
                if backoff.failures > 0 { logger.info("handler recovered", metadata: ["id": "\(entry.id)"]) }
                onProgress()
                return
            } catch let error as RedisError {
                throw error
            } catch {
                guard try await waitAfterFailure(error, &backoff, acks: &acks) else { return }
            }
        }
    }

    /// After a handler failure (dependency down): acknowledges what finished before it, then
    /// waits one backoff step. False when a stop was requested (the message stays pending).
    private func waitAfterFailure(_ error: any Error, _ backoff: inout Backoff, acks: inout [String])
        async throws(RedisError) -> Bool
    {
        metrics.handlerRetries.increment()
        // What finished before the outage is acknowledged now, not after it.
        try await flush(&acks)
        guard isRunning else { return false }
        await pause(&backoff, "handler could not complete; retrying the same message", error)
        try? await heartbeat()
        onProgress()
        return true
    }

    /// Writes the message to the dead-letter stream, tells the handler, then acknowledges it.
    func deadLetter(_ message: StreamMessage, reason: String) async throws(RedisError) {
        let encoded = WireJSON.object(message.values.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
            .serialized
        try await redis.checked([
            "XADD", configuration.deadLetterStream, "MAXLEN", "~", String(configuration.deadLetterMaxLength), "*",
            "stream", message.stream, "id", message.id, "group", configuration.group,
            "consumer", configuration.consumer, "reason", reason, "deliveries", String(message.deliveries),
            "fields", encoded, "dead_lettered_at", String(Int(Date().timeIntervalSince1970)),
        ])
        var backoff = configuration.retryBackoff
        var notified = false
        while isRunning && !notified {
            do {
                try await handler.deadLettered(message, reason: reason)
                notified = true
            } catch let error as RedisError {
                throw error
            } catch {
                await pause(&backoff, "dead-letter notification failed; retrying", error)
            }
        }
        // Stopped before the handler heard of it (e.g. no result for a dead-lettered plan yet):
        // leave the message pending, so the next run dead-letters and notifies again.
        guard notified else {
            logger.warning(
                "stopping before the dead-letter notification got through; message left pending",
                metadata: ["id": "\(message.id)", "reason": "\(reason)"])
            return
        }
        try await acknowledge(message.id)
        metrics.outcome("dead_lettered").increment()
        logger.warning(
            "message dead-lettered",
            metadata: [
                "id": "\(message.id)", "reason": "\(reason)",
                "deliveries": "\(message.deliveries)",
            ])
    }

    func acknowledge(_ id: String) async throws(RedisError) {
        try await redis.checked(["XACK", configuration.stream, configuration.group, id])
    }

    /// Acknowledges every id in `acks` with one `XACK` and empties it.
    func flush(_ acks: inout [String]) async throws(RedisError) {
        guard !acks.isEmpty else { return }
        try await redis.checked(["XACK", configuration.stream, configuration.group] + acks)
        metrics.outcome("acked").increment(by: acks.count)
        acks.removeAll()
    }

    func heartbeat() async throws(RedisError) {
        try await redis.checked([
            "SET", configuration.heartbeatKey, String(Int(Date().timeIntervalSince1970)),
            "EX", String(configuration.heartbeatTTLSeconds),
        ])
    }

    private func deliveryCounts(from first: String, to last: String) async throws(RedisError) -> [String: Int] {
        let reply = try await redis.send([
            "XPENDING", configuration.stream, configuration.group, first, last,
            String(configuration.batchSize * 4), configuration.consumer,
        ])
        return try StreamEntries.deliveryCounts(reply)
    }
}
