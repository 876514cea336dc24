import FoundationEssentials

extension Scorecard {
    /// Live heartbeat keys per expected service (a key counts when it exists and its stored
    /// epoch, if it holds one, is at most ``Thresholds/maxHeartbeatAge`` old).
    func liveHeartbeats(now: Date) async throws(RedisError) -> [String: Int] {
        var alive: [String: Int] = [:]
        for service in thresholds.services {
            var cursor = "0"
            var keys: [String] = []
            repeat {
                let reply = try await redis.checked([
                    "SCAN", cursor, "MATCH", "\(heartbeatPrefix):\(service):*", "COUNT", "1000",
                ])
                guard let parts = reply.array, parts.count == 2 else { throw .unexpectedReply("SCAN reply") }
                cursor = parts[0].string ?? "0"
                keys += (parts[1].array ?? []).compactMap(\.string)
            } while cursor != "0"
            var live = 0
            for key in keys {
                let value = try await redis.checked(["GET", key])
                if value.isNull { continue }
                if let stamp = value.string.flatMap(Double.init) {
                    let seconds = stamp > 1e12 ? stamp / 1000 : stamp
                    if now.timeIntervalSince1970 - seconds > thresholds.maxHeartbeatAge { continue }
                }
                live += 1
            }
            alive[service] = live
        }
        return alive
    }

    /// The group's lag, pending count and oldest pending entry; a missing stream or group is
    /// reported as such, not as an error.
    func consumerGroup(now: Date) async throws(RedisError) -> ConsumerGroupState {
        let reply = try await redis.send(["XINFO", "GROUPS", resultStream])
        if case .error(let message) = reply {
            if message.lowercased().contains("no such key") { return ConsumerGroupState(exists: false) }
            throw .server(message)
        }
        let groups = (reply.array ?? []).map { Dictionary($0.pairs, uniquingKeysWith: { first, _ in first }) }
        guard let info = groups.first(where: { $0["name"] == group }) else { return ConsumerGroupState(exists: false) }
        let lag = try await redis.streamGroupLag(
            stream: resultStream, reported: info["lag"].flatMap { Int($0) }, lastDeliveredID: info["last-delivered-id"],
            limit: thresholds.maxConsumerLag)
        let summary = try await redis.checked(["XPENDING", resultStream, group])
        let parts = summary.array ?? []
        let pending = parts.first?.integer ?? 0
        var oldest: TimeInterval?
        if pending > 0, parts.count > 1, let id = parts[1].string,
            let millis = id.split(separator: "-").first.flatMap({ Double($0) })
        {
            oldest = max(0, now.timeIntervalSince1970 - millis / 1000)
        }
        return ConsumerGroupState(exists: true, lag: lag, pending: pending, oldestPendingAge: oldest)
    }
}
