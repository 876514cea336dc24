import Foundation
import Testing

@testable import Shared

/// The three reporting subcommands as a user runs them: stdout, stderr and exit status.
@Suite(
    "harvestbrain report, scorecard and reconcile on the command line",
    .enabled(if: TestEnvironment.postgresEnabled && TestEnvironment.redisEnabled))
struct LedgerReportCommandTests {
    static func databaseURL(_ database: PostgresClient) async -> String {
        await database.configuration.connectionString
    }

    @Test("report --format json prints the totals; a bad --since exits 64 naming the option")
    func report() async throws {
        let database = try await LedgerReportTests.seededLedger()
        let env = ["DATABASE_URL": await Self.databaseURL(database)]
        let json = try await TestEnvironment.runHarvestbrain(
            ["report", "--format", "json", "--symbol", "BTCUSDT"], environment: env)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["totals"] as? [String: Any])?["net_pnl"] as? String == "43.09")
        let chart = FileManager.default.temporaryDirectory.appendingPathComponent("equity-\(UUID().uuidString).svg")
            .path
        defer { try? FileManager.default.removeItem(atPath: chart) }
        let table = try await TestEnvironment.runHarvestbrain(
            ["report", "--since", "2026-11-21", "--chart", chart], environment: env)
        #expect(table.status == 0)
        #expect(table.stdout.contains("net PnL"))
        #expect(FileManager.default.fileExists(atPath: chart))
        let bad = try await TestEnvironment.runHarvestbrain(["report", "--since", "yesterday"], environment: env)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("invalid --since"))
    }

    @Test("report exits 2 when the database cannot be read and 78 when DATABASE_URL is not set")
    func reportWithoutDatabase() async throws {
        let run = try await TestEnvironment.runHarvestbrain(
            ["report"],
            environment: [
                "DATABASE_URL": "postgresql://desk:hunter2@127.0.0.1:1/none", "DATABASE_CONNECT_TIMEOUT_SEC": "1",
            ])
        #expect(run.status == 2)
        #expect(run.stderr.contains("harvestbrain report:"))
        #expect(!run.stderr.contains("hunter2"))
        let unset = try await TestEnvironment.runHarvestbrain(["report"], environment: ["DATABASE_URL": ""])
        #expect(unset.status == 78)
        #expect(unset.stderr.contains("DATABASE_URL"))
    }

    @Test("scorecard exits 1 when a check fails and 2 when Redis cannot be read")
    func scorecard() async throws {
        let database = try await TestEnvironment.freshLedgerDatabase()
        let redisURL = try #require(TestEnvironment.environment["TEST_REDIS_URL"])
        let env = ["DATABASE_URL": await Self.databaseURL(database), "REDIS_URL": redisURL]
        let failing = try await TestEnvironment.runHarvestbrain(
            ["scorecard", "--window", "30m", "--stream", TestEnvironment.unique("empty")], environment: env)
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("exit plans executed") && failing.stdout.contains("FAIL"))
        let json = try await TestEnvironment.runHarvestbrain(["scorecard", "--json"], environment: env)
        #expect(json.status == 1)
        #expect(
            (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["passed"] as? Bool
                == false)
        let noRedis = try await TestEnvironment.runHarvestbrain(
            ["scorecard"], environment: env.merging(["REDIS_URL": "redis://127.0.0.1:1/0"]) { _, new in new })
        #expect(noRedis.status == 2)
        #expect(noRedis.stderr.contains("cannot read Redis"))
    }

    @Test("reconcile exits 0 on matching income, 1 on drift, 2 when the exchange cannot be read")
    func reconcile() async throws {
        let database = try await ReconcileTests.ledger()
        let env = ["DATABASE_URL": await Self.databaseURL(database)]
        func file(_ rows: [IncomeRow]) throws -> String {
            let objects = rows.map { row -> [String: Any] in
                [
                    "symbol": row.symbol, "incomeType": row.incomeType, "income": LedgerDecimal.text(row.amount),
                    "asset": row.asset,
                    "time": Int64(row.time.timeIntervalSince1970 * 1000), "tranId": Int64(row.tranID) ?? 0,
                    "tradeId": "",
                ]
            }
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("income-\(UUID().uuidString).json")
                .path
            try JSONSerialization.data(withJSONObject: objects).write(to: URL(fileURLWithPath: path))
            return path
        }
        let matching = try file(ReconcileTests.income())
        let ok = try await TestEnvironment.runHarvestbrain(
            ["reconcile", "--since", "2026-11-20", "--until", "2026-11-21", "--income-file", matching], environment: env
        )
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        #expect(ok.stdout.contains("OK: every symbol-day is within the tolerance"))
        var drifting = ReconcileTests.income()
        drifting.append(
            IncomeRow(
                symbol: "ETHUSDT", incomeType: "COMMISSION", amount: -1, asset: "USDT",
                time: TestEnvironment.utc("2026-11-21T20:00:00Z"), tranID: "301"))
        let drift = try await TestEnvironment.runHarvestbrain(
            ["reconcile", "--since", "2026-11-20", "--until", "2026-11-21", "--income-file", try file(drifting)],
            environment: env)
        #expect(drift.status == 1)
        #expect(drift.stdout.contains("DRIFT"))
        var unreachable = env
        unreachable["BINANCE_BASE_URL"] = "http://127.0.0.1:1"
        let none = try await TestEnvironment.runHarvestbrain(
            ["reconcile", "--since", "2026-11-20"], environment: unreachable)
        #expect(none.status == 2)
        #expect(none.stderr.contains("cannot read the exchange's income history"))
    }
}
