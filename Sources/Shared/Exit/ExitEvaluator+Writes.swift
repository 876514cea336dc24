import FoundationEssentials

extension ExitEvaluator {
    /// Sends the cycle's writes and returns the decisions of the positions whose writes all
    /// succeeded.
    ///
    /// Three pipelines keep a position-by-position pass's semantics: the first carries the
    /// market-state hash write-backs; the second, for positions whose write-back succeeded, each
    /// plan and proposal (and the `EXISTS` of a proposal to keep fresh); the third, for positions
    /// whose commands all succeeded so far, the proposal's `last_update_epoch` (only where it
    /// exists) and then the state hash. So a state never records a plan that was not published
    /// (the next cycle proposes it again), nothing is published for a position whose market state
    /// could not be written, and a proposal deleted by its reader is not re-created by a touch.
    func write(_ work: [ExitCycleWork], now: Double) async throws -> [ExitDecision] {
        var failed = [Bool](repeating: false, count: work.count)
        _ = try await send(work.map(\.marketWrites), work: work, failed: &failed)
        let published = try await send(
            work.map { item in
                item.commands + (item.touchedProposal.map { [["EXISTS", $0]] } ?? [])
            }, work: work, failed: &failed)
        var last: [[[String]]] = []
        last.reserveCapacity(work.count)
        for (index, item) in work.enumerated() {
            var commands: [[String]] = []
            if !failed[index] {
                if let decision = item.decision, item.writeState, decision.publication != .none {
                    logPublished(decision)
                }
                if let key = item.touchedProposal, (published[index].last?.integer ?? 0) > 0 {
                    commands.append(ExitPublisher.touch(key, now: now))
                }
                if item.writeState {
                    commands.append(
                        ["HSET", ExitPositionState.key(item.symbol)] + item.state.fields.flatMap { [$0.0, $0.1] })
                }
            }
            last.append(commands)
        }
        _ = try await send(last, work: work, failed: &failed)
        return work.indices.compactMap { failed[$0] ? nil : work[$0].decision }
    }

    /// Sends `commands[i]` of every position not `failed` yet in one pipeline (chunked); a
    /// position with an error reply is marked failed and logged. Returns each position's replies.
    private func send(_ commands: [[[String]]], work: [ExitCycleWork], failed: inout [Bool]) async throws
        -> [ArraySlice<RedisReply>]
    {
        var flat: [[String]] = []
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(commands.count)
        for index in commands.indices {
            let start = flat.count
            if !failed[index] { flat += commands[index] }
            ranges.append(start..<flat.count)
        }
        let replies = try await redis.pipelineInChunks(flat)
        guard replies.count == flat.count else {
            throw RedisError.unexpectedReply("pipeline returned \(replies.count) replies for \(flat.count) commands")
        }
        for index in commands.indices where !failed[index] {
            if let error = Self.firstError(replies[ranges[index]]) {
                failed[index] = true
                notEvaluated(work[index].symbol, error)
            }
        }
        return ranges.map { replies[$0] }
    }

    /// The first error reply among `replies`, as the typed helpers would have thrown it.
    static func firstError(_ replies: ArraySlice<RedisReply>) -> RedisError? {
        for reply in replies {
            if case .error(let message) = reply { return .server(message) }
        }
        return nil
    }

    private func logPublished(_ decision: ExitDecision) {
        logger.info(
            "exit plan published",
            metadata: [
                "symbol": "\(decision.symbol)", "action": "\(decision.action.rawValue)",
                "kill_score": "\(decision.kernel.killScore.value)", "r_net": "\(decision.kernel.rNet)",
                "reasons": "\(decision.reasons.joined(separator: ","))", "stream": "\(configuration.targetStream)",
                "flags": "\(decision.flags.joined(separator: ","))",
            ])
    }
}
