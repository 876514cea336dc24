import Foundation
import Testing

/// Restarts with `--state`, shutdown on SIGTERM, and the injected faults of the admin API.
@Suite("paperexchange lifecycle and faults")
struct PaperExchangeLifecycleTests {
    @Test func positionsOrdersAndBalanceSurviveARestartWithState() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "paper-state-\(UUID().uuidString).json"
        ).path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let first = try await PaperExchangeProcess.launch(["--state", file])
        let placed: PaperExchangeProcess.Reply
        let balanceBefore: Decimal?
        do {
            defer { first.stop() }
            placed = try await first.signed(
                "POST", "/fapi/v1/order",
                [
                    ("symbol", "ETHUSDT"), ("side", "SELL"), ("type", "MARKET"), ("quantity", "0.02"),
                    ("newClientOrderId", "keep-me"), ("newOrderRespType", "RESULT"),
                ])
            #expect(placed.status == 200, "\(placed.text)")
            _ = try await first.signed("POST", "/fapi/v1/leverage", [("symbol", "ETHUSDT"), ("leverage", "3")])
            balanceBefore = decimal(try await first.signed("GET", "/fapi/v2/balance").array.first?["balance"])
        }
        #expect(FileManager.default.fileExists(atPath: file))

        let second = try await PaperExchangeProcess.launch(["--state", file])
        defer { second.stop() }
        let order = try await second.signed(
            "GET", "/fapi/v1/order", [("symbol", "ETHUSDT"), ("origClientOrderId", "keep-me")])
        #expect(order.object["orderId"] as? Int == placed.object["orderId"] as? Int)
        #expect(order.object["avgPrice"] as? String == placed.object["avgPrice"] as? String)
        let position = try await second.signed("GET", "/fapi/v2/positionRisk", [("symbol", "ETHUSDT")]).array.first
        #expect(decimal(position?["positionAmt"]) == Decimal(string: "-0.02"))
        #expect(decimal(position?["entryPrice"]) == decimal(placed.object["avgPrice"]))
        #expect(position?["leverage"] as? String == "3")
        let balanceAfter = decimal(try await second.signed("GET", "/fapi/v2/balance").array.first?["balance"])
        #expect(balanceAfter != nil && balanceAfter == balanceBefore)
        let next = try await second.signed(
            "POST", "/fapi/v1/order",
            [("symbol", "ETHUSDT"), ("side", "BUY"), ("type", "MARKET"), ("quantity", "0.02"), ("reduceOnly", "true")])
        #expect((next.object["orderId"] as? Int ?? 0) > (placed.object["orderId"] as? Int ?? 0), "order ids continue")
    }

    @Test func sigtermStopsTheExchangeCleanly() async throws {
        let exchange = try await PaperExchangeProcess.launch()
        #expect(try await exchange.send("GET", "/fapi/v1/ping").status == 200)
        #expect(exchange.stop() == 0)
    }

    @Test func anOrderWhoseAnswerIsA503WasPlacedAndIsFoundByClientID() async throws {
        let exchange = try await PaperExchangeProcess.launch(["--admin"])
        defer { exchange.stop() }
        try await exchange.admin("faults", [("failOrders", "1")])
        let lost = try await exchange.signed(
            "POST", "/fapi/v1/order",
            [
                ("symbol", "BTCUSDT"), ("side", "BUY"), ("type", "MARKET"), ("quantity", "0.002"),
                ("newClientOrderId", "lost-1"),
            ])
        #expect(lost.status == 503)
        let found = try await exchange.signed(
            "GET", "/fapi/v1/order", [("symbol", "BTCUSDT"), ("origClientOrderId", "lost-1")])
        #expect(found.object["status"] as? String == "FILLED")
        let positions = try await exchange.signed("GET", "/fapi/v3/positionRisk", [("symbol", "BTCUSDT")]).array
        #expect(decimal(positions.first?["positionAmt"]) == Decimal(string: "0.002"))
    }

    @Test func anOrderWhoseConnectionDropsWasPlacedOnce() async throws {
        let exchange = try await PaperExchangeProcess.launch(["--admin"])
        defer { exchange.stop() }
        try await exchange.admin("faults", [("dropOrders", "1")])
        await #expect(throws: (any Error).self) {
            let reply = try await exchange.signed(
                "POST", "/fapi/v1/order",
                [
                    ("symbol", "ETHUSDT"), ("side", "SELL"), ("type", "MARKET"), ("quantity", "0.01"),
                    ("newClientOrderId", "dropped-1"),
                ])
            if reply.body.isEmpty { throw URLError(.networkConnectionLost) }
        }
        let found = try await exchange.signed(
            "GET", "/fapi/v1/order", [("symbol", "ETHUSDT"), ("origClientOrderId", "dropped-1")])
        #expect(found.object["status"] as? String == "FILLED")
        let trades = try await exchange.signed("GET", "/fapi/v1/userTrades", [("symbol", "ETHUSDT")]).array
        #expect(trades.count == 1)
    }

    @Test func aRateLimitBurstAnswers429WithRetryAfterThenRecovers() async throws {
        let exchange = try await PaperExchangeProcess.launch(["--admin"])
        defer { exchange.stop() }
        try await exchange.admin("faults", [("rateLimit", "2"), ("retryAfter", "3")])
        let first = try await exchange.send("GET", "/fapi/v1/time")
        #expect(first.status == 429 && first.code == -1003)
        #expect(first.headers["retry-after"] == "3")
        #expect(try await exchange.send("GET", "/fapi/v1/time").status == 429)
        #expect(try await exchange.send("GET", "/fapi/v1/time").status == 200)
    }

    @Test func metricsCountRequestsAndOrdersInPrometheusText() async throws {
        let exchange = try await PaperExchangeProcess.launch()
        defer { exchange.stop() }
        _ = try await exchange.signed(
            "POST", "/fapi/v1/order",
            [("symbol", "BTCUSDT"), ("side", "BUY"), ("type", "MARKET"), ("quantity", "0.0001")])
        let text = try await exchange.send("GET", "/metrics").text
        #expect(text.contains(#"paperexchange_orders_total{outcome="rejected"} 1"#), "\(text)")
        #expect(text.contains("paperexchange_requests_total"))
    }

    @Test func adminRoutesAreAbsentWithoutTheFlag() async throws {
        let exchange = try await PaperExchangeProcess.launch()
        defer { exchange.stop() }
        #expect(try await exchange.admin("reset").status == 404)
    }

    @Test func advancingTheClockSettlesFundingEveryEightHours() async throws {
        let exchange = try await PaperExchangeProcess.launch(["--admin", "--symbols", "BTCUSDT"])
        defer { exchange.stop() }
        _ = try await exchange.signed(
            "POST", "/fapi/v1/order",
            [("symbol", "BTCUSDT"), ("side", "BUY"), ("type", "MARKET"), ("quantity", "0.01")])
        try await exchange.admin("advance", [("seconds", "\(24 * 3600)")])
        let funding = try await exchange.signed("GET", "/fapi/v1/income", [("incomeType", "FUNDING_FEE")]).array
        #expect(funding.count == 3)
        let times = funding.compactMap { $0["time"] as? Int64 }
        #expect(times.allSatisfy { $0 % (8 * 3_600_000) == 0 })
    }
}
