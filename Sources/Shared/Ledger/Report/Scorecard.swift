import FoundationEssentials

/// The desk's six questions answered from live data (ledger.md "Scorecard"): exit plans produced
/// and executed per hour, duplicate entries blocked, services alive, realized PnL growth and
/// harvest activity, each PASS or FAIL with the number behind it.
///
/// Plans produced and executed are distinct plan ids of close results (`reduce_only`, or a close
/// action) recorded in the ledger in the window, so a plan answered `duplicate_plan` over and over
/// counts once; duplicates blocked is `position_exists` answers over those plus entry orders that
/// joined an already open round trip (duplicates let through).
package struct Scorecard: Sendable {
    let database: PostgresClient
    let redis: RedisClient
    package var thresholds: Thresholds
    /// The stream harvestbrain consumes.
    package var resultStream: String
    /// harvestbrain's consumer group on it.
    package var group: String
    /// Heartbeat keys are `{heartbeatPrefix}:{service}:{consumer}`.
    package var heartbeatPrefix: String

    package init(
        database: PostgresClient, redis: RedisClient, thresholds: Thresholds = Thresholds(),
        resultStream: String = "quantum:stream:apply.result", group: String = "harvest_brain:execution",
        heartbeatPrefix: String = "quantum:heartbeat"
    ) {
        self.database = database
        self.redis = redis
        self.thresholds = thresholds
        self.resultStream = resultStream
        self.group = group
        self.heartbeatPrefix = heartbeatPrefix
    }

    /// Evaluates the six checks over `now - window ..< now`.
    package func evaluate(window: TimeInterval, now: Date = Date()) async throws(ScorecardError) -> ScorecardReport {
        let since = now.addingTimeInterval(-window)
        let figures: LedgerFigures
        let money: LedgerTotals
        do {
            figures = try await ledgerFigures(since: since, until: now)
            money = try await LedgerReport(database: database).moneyTotals(ReportFilter(since: since, until: now))
        } catch {
            throw ScorecardError(source: .database, message: error.description)
        }
        let alive: [String: Int]
        let groupState: ConsumerGroupState
        do {
            alive = try await liveHeartbeats(now: now)
            groupState = try await consumerGroup(now: now)
        } catch {
            throw ScorecardError(source: .redis, message: error.description)
        }
        let hours = window / 3600
        return ScorecardReport(
            window: window, generatedAt: now,
            checks: [
                rateCheck(
                    id: "exit_plans_produced", title: "exit plans produced", count: figures.closeResults,
                    hours: hours, minimum: thresholds.minPlansProducedPerHour, window: window),
                rateCheck(
                    id: "exit_plans_executed", title: "exit plans executed", count: figures.closesExecuted,
                    hours: hours, minimum: thresholds.minPlansExecutedPerHour, window: window),
                duplicatesCheck(blocked: figures.duplicatesBlocked, leaked: figures.duplicatesLeaked),
                servicesCheck(alive),
                growthCheck(money),
                activityCheck(consumed: figures.consumed, state: groupState),
            ])
    }

    /// Counts from the ledger over the window.
    struct LedgerFigures {
        var closeResults = 0
        var closesExecuted = 0
        var duplicatesBlocked = 0
        var duplicatesLeaked = 0
        /// Results recorded by harvestbrain since the window started (by `recorded_at`, the database's clock).
        var consumed = 0
    }

    func ledgerFigures(since: Date, until: Date) async throws(PostgresError) -> LedgerFigures {
        let bounds = [ReportTime.rfc3339(since), ReportTime.rfc3339(until)]
        let results = try await database.query(
            """
            SELECT count(DISTINCT plan) FILTER (WHERE is_close AND in_window) AS close_results,
                   count(DISTINCT plan) FILTER (WHERE is_close AND executed AND in_window) AS closes_executed,
                   count(*) FILTER (WHERE NOT is_close AND error_code = 'position_exists' AND in_window) AS blocked,
                   count(*) FILTER (WHERE recorded_at >= $1::timestamptz) AS consumed
              FROM (SELECT executed, error_code, recorded_at, COALESCE(plan_id, stream || ' ' || entry_id) AS plan,
                           result_time >= $1::timestamptz AND result_time < $2::timestamptz AS in_window,
                           reduce_only OR upper(COALESCE(action, '')) IN ('FULL_CLOSE_PROPOSED', 'PARTIAL_CLOSE_PROPOSED',
                               'PARTIAL_75', 'PARTIAL_50', 'PARTIAL_25', 'FULL_CLOSE', 'CLOSE') AS is_close
                      FROM ledger_results
                     WHERE (result_time >= $1::timestamptz AND result_time < $2::timestamptz)
                        OR recorded_at >= $1::timestamptz) r
            """, bounds)
        let leaked = try await database.query(
            """
            SELECT count(*) AS leaked FROM ledger_orders o
             WHERE NOT o.reduce_only AND o.round_trip_id IS NOT NULL
               AND o.executed_at >= $1::timestamptz AND o.executed_at < $2::timestamptz
               AND EXISTS (SELECT 1 FROM ledger_orders p
                            WHERE p.round_trip_id = o.round_trip_id AND NOT p.reduce_only
                              AND (p.executed_at, p.id) < (o.executed_at, o.id))
            """, bounds)
        func count(_ rows: PostgresRows, _ column: String) throws(PostgresError) -> Int {
            Int(try rows.value(0, column) ?? "") ?? 0
        }
        return LedgerFigures(
            closeResults: try count(results, "close_results"), closesExecuted: try count(results, "closes_executed"),
            duplicatesBlocked: try count(results, "blocked"), duplicatesLeaked: try count(leaked, "leaked"),
            consumed: try count(results, "consumed"))
    }
}
