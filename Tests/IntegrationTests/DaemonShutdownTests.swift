import Foundation
import Testing

@testable import Shared

/// systemd stops a unit with SIGTERM and waits `TimeoutStopSec` before SIGKILL; a clean stop must
/// be quick and exit 0 (exit 1 shows every `systemctl stop` as a failure).
@Suite("daemons stop on SIGTERM", .enabled(if: TestEnvironment.redisEnabled && TestEnvironment.postgresEnabled))
struct DaemonShutdownTests {
    @Test(
        "applylayer, exitbrain and harvestbrain exit 0 within 5 s of SIGTERM, mid-way through their 30 s waits",
        arguments: ["applylayer", "exitbrain", "harvestbrain"])
    func sigtermStopsPromptlyWithStatusZero(daemon: String) async throws {
        let paper = try await PaperExchangeProcess.launch()
        defer { _ = paper.stop() }
        let database = try await TestEnvironment.freshDatabase(prefix: "shutdown")
        let databaseURL = await database.configuration.connectionString
        await database.close()
        let prefix = TestEnvironment.unique("shutdown")
        let environment = [
            "REDIS_URL": TestEnvironment.daemonRedisURL, "DATABASE_URL": databaseURL,
            "BINANCE_BASE_URL": paper.baseURL, "BINANCE_API_KEY": paper.apiKey, "BINANCE_API_SECRET": paper.apiSecret,
            "METRICS_PORT": "0", "LOG_LEVEL": "info", "STREAM_CONSUMER_NAME": "\(prefix):\(daemon)",
            "APPLY_PLAN_STREAM": prefix + ":plan", "APPLY_RESULT_STREAM": prefix + ":result",
            "HARVEST_RESULT_STREAM": prefix + ":result",
            // The long waits a SIGTERM must cut short: reconcile, evaluation and watchdog intervals.
            "APPLY_RECONCILE_SEC": "30", "EXITBRAIN_INTERVAL_SEC": "30",
        ]
        let process = try DaemonProcess.start(daemon, ["run"], environment: environment)
        #expect(
            await process.waitForOutput("started", timeout: .seconds(20)),
            "\(daemon) did not start: \(process.output.suffix(600))")
        try await Task.sleep(for: .seconds(1))
        let started = ContinuousClock.now
        process.process.terminate()
        while process.isRunning && ContinuousClock.now - started < .seconds(10) {
            try await Task.sleep(for: .milliseconds(50))
        }
        let took = ContinuousClock.now - started
        #expect(!process.isRunning, "\(daemon) still running 10 s after SIGTERM")
        let status = process.stop()
        #expect(status == 0, "\(daemon) exited \(status) on SIGTERM: \(process.output.suffix(400))")
        #expect(took < .seconds(5), "\(daemon) took \(took) to stop")
    }
}
