import Foundation
import Shared
import Testing

/// The admin API's guard (a token in `X-Admin-Token`, refused start without one) and its
/// clock-skew fault, against the real binary.
@Suite("paperexchange admin API: token and clock skew")
struct PaperExchangeAdminTests {
    @Test func anAdminCallWithoutTheTokenHeaderIs401AndChangesNothing() async throws {
        let exchange = try await PaperExchangeProcess.launch(["--admin", "--speed", PaperExchangeProcess.frozenSpeed])
        defer { exchange.stop() }
        #expect(try await exchange.admin("price", [("symbol", "BTCUSDT"), ("price", "90000")]).status == 200)

        let refused = try await exchange.admin("price", [("symbol", "BTCUSDT"), ("price", "12345")], sendsToken: false)
        #expect(refused.status == 401)
        #expect(refused.code == -2015, "\(refused.text)")
        #expect((refused.object["msg"] as? String)?.contains("X-Admin-Token") == true)
        let state = try await exchange.admin("state", method: "GET", sendsToken: false)
        #expect(state.status == 401)
        #expect(state.object["marks"] == nil, "no state without the token")
        let marks = try await exchange.admin("state", method: "GET").object["marks"] as? [String: Any]
        #expect(marks?["BTCUSDT"] as? String == "90000", "the refused call moved no price")
    }

    @Test func anAdminCallWithAWrongTokenIs401() async throws {
        let exchange = try await PaperExchangeProcess.launch(["--admin"])
        defer { exchange.stop() }
        // Same length (only the bytes differ), a prefix, and an empty header.
        let sameLength = String(exchange.adminToken.reversed())
        for wrong in [sameLength, String(exchange.adminToken.dropLast()), ""] {
            let reply = try await exchange.admin("faults", [("latencyMs", "900")], token: wrong)
            #expect(reply.status == 401, "token \(wrong.count) chars")
            #expect(reply.code == -2015)
        }
        let faults = try await exchange.admin("state", method: "GET").object["faults"] as? [String: Any]
        #expect(faults?["latencyMs"] as? Int == 0, "no refused call injected latency")
    }

    @Test func adminWithoutATokenRefusesToStartWithExitCode78() async throws {
        // Run with a bound: were the check gone, the exchange would serve until killed.
        let (status, output) = try await DaemonProcess.run(
            "paperexchange", ["run", "--port", "0", "--admin"], environment: [:], timeout: .seconds(20))
        #expect(status == ExitStatus.configuration, "\(output)")
        #expect(output.contains("--admin-token") && output.contains("PAPER_ADMIN_TOKEN"), "\(output)")
        #expect(!output.contains("listening"), "it never listened: \(output)")
    }

    @Test func anEmptyTokenCountsAsNoToken() async throws {
        let (status, output) = try await DaemonProcess.run(
            "paperexchange", ["run", "--port", "0", "--admin", "--admin-token", ""],
            environment: ["PAPER_ADMIN_TOKEN": ""], timeout: .seconds(20))
        #expect(status == ExitStatus.configuration, "\(output)")
    }

    @Test func theFlagTokenWinsOverTheEnvironmentAndNeitherAppearsInLogsOrState() async throws {
        let flagToken = "flag-token-\(UUID().uuidString)"
        let exchange = try await PaperExchangeProcess.launch([
            "--admin", "--admin-token", flagToken, "--log-level", "trace",
        ])
        defer { exchange.stop() }
        #expect(try await exchange.admin("reset", token: flagToken).status == 200)
        #expect(try await exchange.admin("reset").status == 401, "the environment's token is overridden by the flag")
        let state = try await exchange.admin("state", method: "GET", token: flagToken)
        #expect(state.status == 200)
        #expect(!state.text.contains(flagToken) && !state.text.contains(exchange.adminToken))

        let log = try String(contentsOfFile: exchange.logFile, encoding: .utf8)
        #expect(log.contains("request rejected"), "the refused call was logged")
        #expect(!log.contains(flagToken), "the flag's token is in the log")
        #expect(!log.contains(exchange.adminToken), "the environment's token is in the log")
    }

    @Test func aClockSkewMovesServerTimeAndTheTimestampWindowUntilReset() async throws {
        let exchange = try await PaperExchangeProcess.launch(["--admin"])
        defer { exchange.stop() }
        /// serverTime minus real time at the request's midpoint, and half the round trip: the
        /// offset's uncertainty, which grows on a loaded machine (a test run beside others).
        func offset() async throws -> (millis: Int64, slack: Int64) {
            let sent = PaperExchangeProcess.nowMillis()
            let time = Int64(try #require(try await exchange.send("GET", "/fapi/v1/time").object["serverTime"] as? Int))
            let received = PaperExchangeProcess.nowMillis()
            return (time - (sent + received) / 2, (received - sent) / 2 + 1)
        }
        // The offset before any skew (not quite 0 on a loaded machine); the skew is measured from it.
        let before = try await offset()
        #expect(try await exchange.signed("GET", "/fapi/v2/balance").status == 200)

        let set = try await exchange.admin("faults", [("skewMs", "20000")])
        #expect(set.object["skewMs"] as? Int == 20000, "\(set.text)")
        let skewedOffset = try await offset()
        let skewed = skewedOffset.millis
        #expect(
            abs(skewed - before.millis - 20_000) <= 1000 + before.slack + skewedOffset.slack,
            "serverTime moved 20 s ahead (\(skewed - before.millis) ms)")
        let stale = try await exchange.signed("GET", "/fapi/v2/balance")
        #expect(stale.status == 400)
        #expect(stale.code == -1021, "a timestamp of the old clock is outside the window: \(stale.text)")
        let synced = try await exchange.send(
            "GET", "/fapi/v2/balance", signed: true, timestamp: PaperExchangeProcess.nowMillis() + skewed)
        #expect(synced.status == 200, "a timestamp on the skewed clock passes: \(synced.text)")

        try await exchange.admin("faults", [("skewMs", "-20000")])
        let ahead = try await exchange.signed("GET", "/fapi/v2/balance")
        #expect(ahead.code == -1021, "a clock skewed back makes real time look ahead")
        let state = try await exchange.admin("state", method: "GET").object["faults"] as? [String: Any]
        #expect(state?["skewMs"] as? Int == -20000)

        try await exchange.admin("reset")
        let reset = try await offset()
        #expect(abs(reset.millis - before.millis) <= 1000 + before.slack + reset.slack, "reset clears the skew")
        #expect(try await exchange.signed("GET", "/fapi/v2/balance").status == 200)
    }
}
