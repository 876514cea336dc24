import Foundation
import Testing

@testable import Shared

@Suite(
    "harvestbrain scorecard against real PostgreSQL and Redis",
    .enabled(if: TestEnvironment.postgresEnabled && TestEnvironment.redisEnabled))
struct ScorecardTests {
    let redis: RedisClient
    let stream: String
    let heartbeats: String
    let group = "harvest_brain:execution"
    let now = Date()

    init() throws {
        redis = try TestEnvironment.redis()
        stream = TestEnvironment.unique("scorecard:apply.result")
        heartbeats = TestEnvironment.unique("heartbeat")
    }

    func scorecard(_ database: PostgresClient, group: String? = nil) -> Scorecard {
        Scorecard(
            database: database, redis: redis, resultStream: stream, group: group ?? self.group,
            heartbeatPrefix: heartbeats)
    }

    /// Live heartbeats for every default service, and a group that consumed and acknowledged everything.
    func healthyRedis() async throws {
        for service in Scorecard.Thresholds().services {
            try await redis.set(
                "\(heartbeats):\(service):host-1", String(Int(now.timeIntervalSince1970)), expireSeconds: 30)
        }
        for index in 0..<3 { try await redis.streamAdd(stream, [("plan_id", "p\(index)")]) }
        try await redis.checked(["XGROUP", "CREATE", stream, group, "0", "MKSTREAM"])
        let read = try await redis.checked([
            "XREADGROUP", "GROUP", group, "host-1:harvestbrain", "COUNT", "10", "STREAMS", stream, ">",
        ])
        let ids = (read.array?.first?.array?[1].array ?? []).compactMap { $0.array?.first?.string }
        #expect(ids.count == 3)
        try await redis.checked(["XACK", stream, group] + ids)
    }

    /// `closes` close results in the last 10 minutes, `executed` of them filled, plus one profitable close order.
    func recordCloses(_ database: PostgresClient, closes: Int, executed: Int, minutesAgo: Double = 10) async throws {
        let at = now.addingTimeInterval(-minutesAgo * 60)
        for index in 0..<closes {
            try await TestEnvironment.insertLedgerResult(
                database, symbol: "BTCUSDT", executed: index < executed, reduceOnly: true,
                errorCode: index < executed ? "" : "duplicate_plan", action: "FULL_CLOSE_PROPOSED", at: at)
        }
        if executed > 0 {
            try await TestEnvironment.insertLedgerOrder(
                database, roundTrip: nil, symbol: "BTCUSDT", orderID: "close-1", side: "SELL", reduceOnly: true,
                qty: "0.01",
                price: "91000", realized: "5.00", commission: "0.10", at: ReportTime.rfc3339(at),
                exitReason: "kill_score")
        }
    }

    @Test("no close executed in the window: 'exit plans executed' FAILs with 0 and the exit code is 1")
    func failsWithoutExecutedClose() async throws {
        let database = try await TestEnvironment.freshLedgerDatabase()
        try await healthyRedis()
        try await recordCloses(database, closes: 12, executed: 0)
        let report = try await scorecard(database).evaluate(window: 3600, now: now)
        let executed = try #require(report.check("exit_plans_executed"))
        #expect(!executed.passed)
        #expect(executed.value.hasPrefix("0 in 1h"))
        #expect(report.check("exit_plans_produced")?.passed == true)
        #expect(report.check("realized_pnl_growth")?.passed == false)
        #expect(report.exitCode == 1)
        let line = report.text().split(separator: "\n").first { $0.hasPrefix("  exit plans executed") }
        #expect(line?.split(separator: " ").contains("FAIL") == true)
    }

    @Test("one close executed, services alive, consumer caught up: all six checks PASS and the exit code is 0")
    func passesWithExecutedClose() async throws {
        let database = try await TestEnvironment.freshLedgerDatabase()
        try await healthyRedis()
        try await recordCloses(database, closes: 12, executed: 1)
        for _ in 0..<2 {
            try await TestEnvironment.insertLedgerResult(
                database, symbol: "ETHUSDT", executed: false, reduceOnly: false, errorCode: "position_exists",
                at: now.addingTimeInterval(-300))
        }
        let report = try await scorecard(database).evaluate(window: 3600, now: now)
        #expect(
            report.checks.map(\.id) == [
                "exit_plans_produced", "exit_plans_executed", "duplicate_entries_blocked",
                "services_alive", "realized_pnl_growth", "harvest_activity",
            ])
        for check in report.checks { #expect(check.passed, "\(check.title): \(check.value)") }
        #expect(report.check("exit_plans_executed")?.value.hasPrefix("1 in 1h") == true)
        #expect(report.check("harvest_activity")?.value.hasPrefix("consumed 14, lag 0, pending 0") == true)
        #expect(
            report.check("duplicate_entries_blocked")?.value.hasPrefix("100.0 % (2 blocked, 0 let through)") == true)
        #expect(report.check("services_alive")?.value == "3/3")
        #expect(report.check("realized_pnl_growth")?.value.hasPrefix("net +4.90") == true)
        #expect(report.exitCode == 0)
        #expect(report.text().hasSuffix("ALL PASS\n"))
    }

    @Test("one plan answered duplicate_plan twelve times is one plan produced, not twelve")
    func repeatedPlanCountsOnce() async throws {
        let database = try await TestEnvironment.freshLedgerDatabase()
        try await healthyRedis()
        for _ in 0..<12 {
            try await TestEnvironment.insertLedgerResult(
                database, symbol: "ETHUSDT", executed: false, reduceOnly: true, errorCode: "duplicate_plan",
                action: "FULL_CLOSE_PROPOSED", planID: "c1d2e3f4a5b6c7d8", at: now.addingTimeInterval(-120))
        }
        let produced = try #require(
            try await scorecard(database).evaluate(window: 3600, now: now).check("exit_plans_produced"))
        #expect(!produced.passed)
        #expect(produced.value.hasPrefix("1 in 1h"))
    }

    @Test("--window 30m leaves out a close executed 45 minutes ago")
    func windowBounds() async throws {
        let database = try await TestEnvironment.freshLedgerDatabase()
        try await healthyRedis()
        try await recordCloses(database, closes: 12, executed: 1, minutesAgo: 45)
        #expect(
            try await scorecard(database).evaluate(window: 3600, now: now).check("exit_plans_executed")?.passed == true)
        let short = try await scorecard(database).evaluate(window: 1800, now: now)
        #expect(short.check("exit_plans_executed")?.passed == false)
        #expect(short.check("exit_plans_produced")?.value.hasPrefix("0 in 30m") == true)
    }

    @Test("missing or stale heartbeats and an old pending result FAIL services alive and harvest activity")
    func stuckConsumer() async throws {
        let database = try await TestEnvironment.freshLedgerDatabase()
        try await redis.set(
            "\(heartbeats):harvestbrain:host-1", String(Int(now.timeIntervalSince1970)), expireSeconds: 30)
        try await redis.set(
            "\(heartbeats):exitbrain:host-1", String(Int(now.timeIntervalSince1970) - 600), expireSeconds: 30)
        let oldID = "\(Int64(now.timeIntervalSince1970 * 1000) - 3_600_000)-0"
        try await redis.checked(["XADD", stream, oldID, "plan_id", "old", "filled_qty", "0.0"])
        try await redis.checked(["XGROUP", "CREATE", stream, group, "0"])
        try await redis.checked([
            "XREADGROUP", "GROUP", group, "host-1:harvestbrain", "COUNT", "1", "STREAMS", stream, ">",
        ])
        let report = try await scorecard(database).evaluate(window: 3600, now: now)
        let services = try #require(report.check("services_alive"))
        #expect(!services.passed)
        #expect(services.value == "1/3, no heartbeat: exitbrain, applylayer")
        let activity = try #require(report.check("harvest_activity"))
        #expect(!activity.passed)
        #expect(activity.value.contains("pending 1"))
        #expect(activity.value.contains("oldest pending too old"))
        let missing = try await scorecard(database, group: "no_such_group").evaluate(window: 3600, now: now)
        #expect(missing.check("harvest_activity")?.value.contains("does not exist") == true)
    }

    @Test("an entry order that joined an open round trip counts as a duplicate let through")
    func duplicateLetThrough() async throws {
        let database = try await TestEnvironment.freshLedgerDatabase()
        try await healthyRedis()
        let at = now.addingTimeInterval(-600)
        try await TestEnvironment.insertLedgerResult(
            database, symbol: "ETHUSDT", executed: false, reduceOnly: false, errorCode: "position_exists", at: at)
        let trip = try await TestEnvironment.insertClosedRoundTrip(
            database, symbol: "ETHUSDT", side: "LONG", opened: ReportTime.rfc3339(at), closed: ReportTime.rfc3339(now),
            gross: "0", fees: "0")
        for (id, offset) in [("e1", 0.0), ("e2", 60.0)] {
            try await TestEnvironment.insertLedgerOrder(
                database, roundTrip: trip, symbol: "ETHUSDT", orderID: id, side: "BUY", reduceOnly: false, qty: "1",
                price: "3000", commission: "0", at: ReportTime.rfc3339(at.addingTimeInterval(offset)))
        }
        let check = try #require(
            try await scorecard(database).evaluate(window: 3600, now: now).check("duplicate_entries_blocked"))
        #expect(!check.passed)
        #expect(check.value == "50.0 % (1 blocked, 1 let through)")
    }

    @Test("an unreachable database or Redis is a ScorecardError naming it (exit code 2)")
    func unreadable() async throws {
        let badDatabase = PostgresClient(
            configuration: PostgresConfiguration(
                connectionString: "postgresql://desk@127.0.0.1:1/none", connectTimeoutSeconds: 1),
            logger: TestEnvironment.logger)
        do {
            _ = try await scorecard(badDatabase).evaluate(window: 3600, now: now)
            Issue.record("expected a database error")
        } catch {
            #expect(error.source == .database)
        }
        let badRedis = RedisClient(
            configuration: RedisConfiguration(endpoint: .tcp(host: "127.0.0.1", port: 1)),
            logger: TestEnvironment.logger)
        let database = try await TestEnvironment.freshLedgerDatabase()
        do {
            _ = try await Scorecard(database: database, redis: badRedis).evaluate(window: 3600, now: now)
            Issue.record("expected a redis error")
        } catch {
            #expect(error.source == .redis)
        }
    }

    @Test("--json lists the six checks with status, value and metrics")
    func json() async throws {
        let database = try await TestEnvironment.freshLedgerDatabase()
        try await healthyRedis()
        try await recordCloses(database, closes: 12, executed: 0)
        let text = try await scorecard(database).evaluate(window: 3600, now: now).json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["passed"] as? Bool == false)
        #expect(object["window"] as? String == "1h")
        let checks = try #require(object["checks"] as? [[String: Any]])
        #expect(checks.count == 6)
        let executed = try #require(checks.first { $0["check"] as? String == "exit_plans_executed" })
        #expect(executed["status"] as? String == "FAIL")
        #expect((executed["metrics"] as? [String: Any])?["count"] as? Int == 0)
    }

    @Test("realized PnL growth: a losing window still shows PnL booked (not stagnant) unless a minimum net is required")
    func pnlBookedVersusRequiredNet() async throws {
        let database = try await TestEnvironment.freshLedgerDatabase()
        try await healthyRedis()
        try await TestEnvironment.insertLedgerOrder(
            database, roundTrip: nil, symbol: "ETHUSDT", orderID: "loss-1", side: "SELL", reduceOnly: true, qty: "0.1",
            price: "2000", realized: "-3.00", commission: "0.08", at: ReportTime.rfc3339(now.addingTimeInterval(-600)),
            exitReason: "kill_score")
        let booked = try await scorecard(database).evaluate(window: 3600, now: now).check("realized_pnl_growth")
        #expect(booked?.passed == true)
        #expect(booked?.value.hasPrefix("net -3.08") == true)
        var strict = Scorecard.Thresholds()
        strict.minPnLGrowth = 0
        let required = try await Scorecard(
            database: database, redis: redis, thresholds: strict, resultStream: stream,
            group: group, heartbeatPrefix: heartbeats
        )
        .evaluate(window: 3600, now: now).check("realized_pnl_growth")
        #expect(required?.passed == false)
        let empty = try await TestEnvironment.freshLedgerDatabase()
        #expect(
            try await scorecard(empty).evaluate(window: 3600, now: now).check("realized_pnl_growth")?.passed == false,
            "stagnant: nothing booked")
    }

    @Test("thresholds come from SCORECARD_* settings, with the desk's defaults")
    func thresholdsFromEnvironment() throws {
        let defaults = try Scorecard.Thresholds(environment: EnvironmentReader([:]))
        #expect(defaults == Scorecard.Thresholds())
        #expect(defaults.minPlansProducedPerHour == 10 && defaults.minDuplicateBlockedShare == 0.95)
        let custom = try Scorecard.Thresholds(
            environment: EnvironmentReader([
                "SCORECARD_SERVICES": "applylayer, harvestbrain", "SCORECARD_MIN_EXECUTED_PER_HOUR": "2",
                "SCORECARD_MIN_PNL_GROWTH": "-5",
            ]))
        #expect(custom.services == ["applylayer", "harvestbrain"])
        #expect(custom.minPlansExecutedPerHour == 2)
        #expect(custom.minPnLGrowth == -5)
        #expect(throws: ConfigurationError.self) {
            try Scorecard.Thresholds(environment: EnvironmentReader(["SCORECARD_MIN_DUPLICATE_BLOCKED": "95"]))
        }
    }
}
