import FoundationEssentials

extension Scorecard {
    /// Plans produced or executed: `count` over the window as a rate per hour, at least `minimum`.
    func rateCheck(id: String, title: String, count: Int, hours: Double, minimum: Double, window: TimeInterval)
        -> ScorecardCheck
    {
        let rate = hours > 0 ? Double(count) / hours : 0
        return ScorecardCheck(
            id: id, title: title, passed: rate >= minimum,
            value: "\(count) in \(ScorecardReport.windowText(window)) (\(Self.format(rate, places: 2))/h)",
            threshold: ">= \(Self.format(minimum, places: 2))/h",
            metrics: [("count", .integer(count)), ("per_hour", .number(rate))])
    }

    /// Share of duplicate entry attempts blocked; no attempts at all passes.
    func duplicatesCheck(blocked: Int, leaked: Int) -> ScorecardCheck {
        let attempts = blocked + leaked
        let share = attempts > 0 ? Double(blocked) / Double(attempts) : nil
        let value =
            share.map { "\(Self.format($0 * 100, places: 1)) % (\(blocked) blocked, \(leaked) let through)" }
            ?? "no duplicate entry attempts"
        return ScorecardCheck(
            id: "duplicate_entries_blocked", title: "duplicate entries blocked",
            passed: (share ?? 1) >= thresholds.minDuplicateBlockedShare, value: value,
            threshold: ">= \(Self.format(thresholds.minDuplicateBlockedShare * 100, places: 1)) %",
            metrics: [
                ("blocked", .integer(blocked)), ("let_through", .integer(leaked)),
                ("share", share.map { .number($0) } ?? .text(nil)),
            ])
    }

    /// Every expected service has at least one live heartbeat key.
    func servicesCheck(_ alive: [String: Int]) -> ScorecardCheck {
        let expected = thresholds.services
        let up = expected.filter { (alive[$0] ?? 0) > 0 }
        let down = expected.filter { (alive[$0] ?? 0) == 0 }
        var value = "\(up.count)/\(expected.count)"
        if !down.isEmpty { value += ", no heartbeat: " + down.joined(separator: ", ") }
        return ScorecardCheck(
            id: "services_alive", title: "services alive", passed: down.isEmpty, value: value,
            threshold:
                "\(expected.count)/\(expected.count) with a heartbeat under \(Int(thresholds.maxHeartbeatAge)) s",
            metrics: [
                ("alive", .integer(up.count)), ("expected", .integer(expected.count)),
                ("missing", .array(down.map { .text($0) })),
            ])
    }

    /// Realized PnL is being booked (the desk's failure was "stagnant": positions never closed); with
    /// `SCORECARD_MIN_PNL_GROWTH` set, the net over the window must also exceed it.
    func growthCheck(_ money: LedgerTotals) -> ScorecardCheck {
        let net = money.netPnL
        let sign = net > 0 ? "+" : ""
        let booked = money.realizedPnL != 0
        let passed = thresholds.minPnLGrowth.map { net > $0 } ?? booked
        return ScorecardCheck(
            id: "realized_pnl_growth", title: "realized PnL growth", passed: passed,
            value:
                "net \(sign)\(LedgerDecimal.fixed(net, scale: 2)) (realized \(LedgerDecimal.fixed(money.realizedPnL, scale: 2)), "
                + "fees \(LedgerDecimal.fixed(money.commission, scale: 2)), funding \(LedgerDecimal.fixed(money.funding, scale: 2)))",
            threshold: thresholds.minPnLGrowth.map { "net > \(LedgerDecimal.text($0))" }
                ?? "realized PnL booked in the window",
            metrics: [
                ("net_pnl", .decimal(net)), ("realized_pnl", .decimal(money.realizedPnL)),
                ("commission", .decimal(money.commission)), ("funding", .decimal(money.funding)),
            ])
    }

    /// The consumer group exists, keeps up (lag, pending, oldest pending) and consumes while work waits.
    func activityCheck(consumed: Int, state: ConsumerGroupState) -> ScorecardCheck {
        let limits = thresholds
        var problems: [String] = []
        if !state.exists { problems.append("no consumer group") }
        if let lag = state.lag, lag > limits.maxConsumerLag { problems.append("lag above \(limits.maxConsumerLag)") }
        if state.pending > limits.maxPending { problems.append("pending above \(limits.maxPending)") }
        if let age = state.oldestPendingAge, age > limits.maxOldestPendingAge {
            problems.append("oldest pending too old")
        }
        if consumed == 0, (state.lag ?? 0) > 0 || state.pending > 0 {
            problems.append("nothing consumed while work waits")
        }
        let lagText = state.lag.map(String.init) ?? "unknown"
        let ageText = state.oldestPendingAge.map { "\(Int($0)) s" } ?? "none"
        var value = "consumed \(consumed), lag \(lagText), pending \(state.pending), oldest pending \(ageText)"
        if !state.exists {
            value = "group \(group) on \(resultStream) does not exist"
        } else if !problems.isEmpty {
            value += ": " + problems.joined(separator: "; ")
        }
        return ScorecardCheck(
            id: "harvest_activity", title: "harvest activity", passed: problems.isEmpty, value: value,
            threshold:
                "lag <= \(limits.maxConsumerLag), pending <= \(limits.maxPending), oldest <= \(Int(limits.maxOldestPendingAge)) s",
            metrics: [
                ("group_exists", .bool(state.exists)), ("consumed", .integer(consumed)),
                ("lag", state.lag.map { .integer($0) } ?? .text(nil)), ("pending", .integer(state.pending)),
                ("oldest_pending_age_seconds", state.oldestPendingAge.map { .number($0) } ?? .text(nil)),
            ])
    }

    /// `value` with `places` decimals, POSIX locale.
    static func format(_ value: Double, places: Int) -> String {
        CFormat.string("%.\(places)f", value)
    }
}
