import Foundation
import Testing

@testable import Shared

/// Faults injected by `paperexchange`'s admin API, met by the real client: 429 with
/// `Retry-After` (one and a burst), a skewed server clock (`-1021`, one resync), a 503 or a
/// dropped connection after the order was accepted, and an answer slower than the client's timeout. An order whose answer is lost is found by its client id
/// and never placed twice.
@Suite("exchange client against paperexchange: faults", .serialized)
struct ExchangeClientPaperFaultTests {
    @Test func a429IsRetriedAfterItsRetryAfterAndTheReadSucceeds() async throws {
        let paper = try await PaperExchangeProcess.launchForClient()
        defer { paper.stop() }
        let client = paper.client()
        _ = try await client.balances()

        try await paper.admin("faults", [("rateLimit", "1"), ("retryAfter", "1")])
        let clock = ContinuousClock()
        let started = clock.now
        let mark = try await client.markPrice(symbol: "BTCUSDT")
        let elapsed = clock.now - started
        #expect(mark.markPrice > 0)
        #expect(elapsed >= .milliseconds(950), "waited for Retry-After: 1 (took \(elapsed))")
        #expect(elapsed < .seconds(8))
        #expect(try await paper.faults()["rateLimit"] as? Int == 0, "the 429 was consumed")
    }

    @Test func aRetryAfterLongerThanTheClientWaitsIsARateLimitedError() async throws {
        let paper = try await PaperExchangeProcess.launchForClient()
        defer { paper.stop() }
        let client = paper.client(configure: { $0.maxRetryAfter = .seconds(2) })
        _ = try await client.balances()

        try await paper.admin("faults", [("rateLimit", "1"), ("retryAfter", "30")])
        let error = try #require(await exchangeFailure { try await client.positions(symbol: nil) })
        #expect(error.code == .rateLimited, "\(error)")
        #expect(error.httpStatus == 429)
        #expect(error.binanceCode == BinanceErrorCode.tooManyRequests)
        #expect(error.retryAfterSeconds == 30)
        expectRedacted(error, paper)
        #expect(try await client.positions(symbol: nil).allSatisfy { $0.positionAmount == 0 }, "the burst is over")
    }

    @Test func aNewOrderAnswered429IsSentAgainAfterRetryAfterAndPlacedOnce() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(ExchangeClientPaperOrderTests.quiet)
        defer { paper.stop() }
        let client = paper.client()
        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])
        _ = try await client.balances()

        try await paper.admin("faults", [("rateLimit", "1"), ("retryAfter", "1")])
        let placed = try await client.placeOrderIdempotent(
            NewOrder(symbol: "ETHUSDT", side: .buy, quantity: Decimal(string: "0.05")!, clientOrderID: "after-429"))
        #expect(placed.origin == .placed, "a 429 is a definite refusal: sending again is safe")
        #expect(try await paper.orders(symbol: "ETHUSDT", clientOrderID: "after-429") == 1)
    }

    @Test func aBurstOf429sIsWaitedOutReadByReadAndAnOrderInItIsPlacedOnce() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(ExchangeClientPaperOrderTests.quiet)
        defer { paper.stop() }
        let client = paper.client()
        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])
        _ = try await client.balances()

        // Two 429s in a row: the read waits Retry-After twice, then succeeds on its third attempt.
        try await paper.admin("faults", [("rateLimit", "2"), ("retryAfter", "1")])
        let clock = ContinuousClock()
        let started = clock.now
        #expect(try await client.markPrice(symbol: "ETHUSDT").markPrice == 3000)
        let elapsed = clock.now - started
        #expect(elapsed >= .milliseconds(1900), "waited Retry-After: 1 twice (took \(elapsed))")
        #expect(try await paper.faults()["rateLimit"] as? Int == 0, "both 429s were consumed")

        // An order refused with 429 was never executed: sending it again is not blind.
        try await paper.admin("faults", [("rateLimit", "2"), ("retryAfter", "1")])
        let order = NewOrder(
            symbol: "ETHUSDT", side: .buy, quantity: Decimal(string: "0.05")!, clientOrderID: "burst-429")
        let placed = try await client.newOrder(order)
        #expect(placed.status == .filled)
        #expect(try await paper.orders(symbol: "ETHUSDT", clientOrderID: "burst-429") == 1)
        #expect(try await client.position(symbol: "ETHUSDT")?.positionAmount == Decimal(string: "0.05"), "filled once")
    }

    @Test func aServerClockSkewedAfterSyncIsMetWithOneResyncAndTheOrderIsPlacedOnce() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(ExchangeClientPaperOrderTests.quiet)
        defer { paper.stop() }
        let client = paper.client()
        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])
        _ = try await client.balances()  // measures the clock offset (about 0)

        try await paper.admin("faults", [("skewMs", "20000")])
        let rejectedBefore = try await paper.rejectedRequests()
        let order = NewOrder(
            symbol: "ETHUSDT", side: .buy, quantity: Decimal(string: "0.05")!, clientOrderID: "after-skew")
        let placed = try await client.newOrder(order)
        #expect(placed.clientOrderID == "after-skew")
        #expect(placed.status == .filled)
        #expect(try await paper.rejectedRequests() == rejectedBefore + 1, "one -1021, then the resynced order")
        #expect(try await client.positions(symbol: nil).count > 0, "later calls use the new offset")
        #expect(try await paper.rejectedRequests() == rejectedBefore + 1, "no second -1021")

        // Read around the client with real time, so the skew must go first.
        try await paper.admin("faults", [("skewMs", "0")])
        #expect(try await paper.orders(symbol: "ETHUSDT", clientOrderID: "after-skew") == 1, "placed exactly once")
        let position = try await paper.signed("GET", "/fapi/v2/positionRisk", [("symbol", "ETHUSDT")]).array.first
        #expect(decimal(position?["positionAmt"]) == Decimal(string: "0.05"), "filled once")
    }

    @Test func aStopCloseWhoseConnectionWasDroppedIsAnUnknownOutcomeAndExistsOnce() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(ExchangeClientPaperOrderTests.quiet)
        defer { paper.stop() }
        let client = paper.client()
        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])
        _ = try await client.newOrder(
            NewOrder(symbol: "ETHUSDT", side: .buy, quantity: Decimal(string: "0.05")!, clientOrderID: "sl-base"))

        try await paper.admin("faults", [("dropOrders", "1")])
        let error = try #require(
            await exchangeFailure {
                try await client.placeStopClose(
                    StopCloseOrder(symbol: "ETHUSDT", side: .sell, triggerPrice: 2900, clientAlgoID: "sl-dropped"))
            })
        #expect(error.code == .unknownOutcome, "\(error)")
        #expect(error.endpoint == "POST /fapi/v1/algoOrder")
        expectRedacted(error, paper)
        let open = try await client.openAlgoOrders(symbol: "ETHUSDT")
        #expect(open.map(\.clientAlgoID) == ["sl-dropped"], "placed once, found by its client algo id")
    }

    @Test func a503AfterAnAcceptedOrderIsAnUnknownOutcomeNotARejection() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(ExchangeClientPaperOrderTests.quiet)
        defer { paper.stop() }
        let client = paper.client()
        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])
        _ = try await client.balances()

        try await paper.admin("faults", [("failOrders", "1")])
        let order = NewOrder(
            symbol: "ETHUSDT", side: .buy, quantity: Decimal(string: "0.05")!, clientOrderID: "lost-503-raw")
        let error = try #require(await exchangeFailure { try await client.newOrder(order) })
        #expect(error.code == .unknownOutcome, "\(error)")
        #expect(error.httpStatus == 503)
        expectRedacted(error, paper)

        let found = try await client.placeOrderIdempotent(order, lookUpFirst: true)
        #expect(found.origin == .recovered)
        #expect(found.fills.quantity == Decimal(string: "0.05"))
        #expect(try await paper.orders(symbol: "ETHUSDT", clientOrderID: "lost-503-raw") == 1)
    }

    @Test func placeOrderIdempotentRecoversAnOrderWhoseAnswerWasA503() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(ExchangeClientPaperOrderTests.quiet)
        defer { paper.stop() }
        let client = paper.client()
        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])
        _ = try await client.balances()

        try await paper.admin("faults", [("failOrders", "1")])
        let placed = try await client.placeOrderIdempotent(
            NewOrder(symbol: "ETHUSDT", side: .buy, quantity: Decimal(string: "0.05")!, clientOrderID: "lost-503"),
            lookupDelay: .milliseconds(200))
        #expect(placed.origin == .recovered)
        #expect(placed.order.clientOrderID == "lost-503")
        #expect(placed.order.status == .filled)
        #expect(placed.fills.quantity == Decimal(string: "0.05"))
        #expect(placed.fills.averagePrice == 3000)
        #expect(try await paper.orders(symbol: "ETHUSDT", clientOrderID: "lost-503") == 1)
        #expect(
            try await client.position(symbol: "ETHUSDT")?.positionAmount == Decimal(string: "0.05"),
            "filled once, not twice")
    }

    @Test func placeOrderIdempotentRecoversAnOrderWhoseConnectionWasDropped() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(ExchangeClientPaperOrderTests.quiet)
        defer { paper.stop() }
        let client = paper.client()
        try await paper.admin("price", [("symbol", "SOLUSDT"), ("price", "150")])
        _ = try await client.balances()

        try await paper.admin("faults", [("dropOrders", "1")])
        let placed = try await client.placeOrderIdempotent(
            NewOrder(symbol: "SOLUSDT", side: .sell, quantity: 2, clientOrderID: "lost-drop"),
            lookupDelay: .milliseconds(200))
        #expect(placed.origin == .recovered)
        #expect(placed.order.clientOrderID == "lost-drop")
        #expect(placed.fills.quantity == 2)
        #expect(placed.fills.averagePrice == 150)
        #expect(try await paper.orders(symbol: "SOLUSDT", clientOrderID: "lost-drop") == 1)
        #expect(try await client.position(symbol: "SOLUSDT")?.positionAmount == -2)
    }

    @Test func anOrderAnsweredAfterTheClientTimedOutIsFoundByClientIDAndNotDuplicated() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(ExchangeClientPaperOrderTests.quiet)
        defer { paper.stop() }
        let client = paper.client(configure: { $0.requestTimeout = .seconds(1) })
        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])
        _ = try await client.balances()

        // Every answer now takes 2 s against the client's 1 s timeout; the latency is lifted
        // while the client is already looking the order up, as a recovering network would.
        try await paper.admin("faults", [("latencyMs", "2000")])
        let order = NewOrder(
            symbol: "ETHUSDT", side: .buy, quantity: Decimal(string: "0.05")!, clientOrderID: "lost-timeout")
        async let placing = client.placeOrderIdempotent(order, lookups: 6, lookupDelay: .milliseconds(500))
        try await Task.sleep(for: .milliseconds(1300))
        try await paper.admin("faults", [("latencyMs", "0")])
        let placed = try await placing

        #expect(placed.origin == .recovered, "the timed-out order was looked up, not sent again")
        #expect(placed.order.clientOrderID == "lost-timeout")
        #expect(placed.fills.quantity == Decimal(string: "0.05"))
        #expect(try await paper.orders(symbol: "ETHUSDT", clientOrderID: "lost-timeout") == 1)
        #expect(try await client.position(symbol: "ETHUSDT")?.positionAmount == Decimal(string: "0.05"))
    }

    @Test func anOrderWhoseAnswerAndLookupsAllTimeOutIsNeverResentAndIsFoundOnRedelivery() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(ExchangeClientPaperOrderTests.quiet)
        defer { paper.stop() }
        let client = paper.client(configure: { configuration in
            configuration.requestTimeout = .seconds(1)
            configuration.maxAttempts = 1
        })
        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])
        _ = try await client.balances()

        // Answers take 3 s: the order and both lookups of it time out, so the call must fail.
        try await paper.admin("faults", [("latencyMs", "3000")])
        let order = NewOrder(
            symbol: "ETHUSDT", side: .buy, quantity: Decimal(string: "0.05")!, clientOrderID: "lost-late")
        let error = try #require(
            await exchangeFailure {
                try await client.placeOrderIdempotent(order, lookups: 2, lookupDelay: .milliseconds(100))
            })
        // The lookups timed out too: the outcome stays unknown (never "not sent", which invites a resend).
        #expect(error.code == .unknownOutcome, "\(error)")
        expectRedacted(error, paper)

        try await paper.admin("faults", [("latencyMs", "0")])
        #expect(
            try await TestEnvironment.eventually(attempts: 100, interval: .milliseconds(50)) {
                try await paper.orders(symbol: "ETHUSDT", clientOrderID: "lost-late") == 1
            }, "the slow order was placed by the exchange")
        let redelivered = try await client.placeOrderIdempotent(order, lookUpFirst: true)
        #expect(redelivered.origin == .recovered)
        #expect(redelivered.fills.quantity == Decimal(string: "0.05"))
        #expect(try await paper.orders(symbol: "ETHUSDT", clientOrderID: "lost-late") == 1, "sent once, never resent")
        #expect(try await client.position(symbol: "ETHUSDT")?.positionAmount == Decimal(string: "0.05"))
    }
}

extension PaperExchangeProcess {
    /// How many orders `allOrders` lists for `symbol` with `clientOrderID` (read around the client).
    func orders(symbol: String, clientOrderID: String) async throws -> Int {
        let reply = try await signed("GET", "/fapi/v1/allOrders", [("symbol", symbol)])
        return reply.array.filter { $0["clientOrderId"] as? String == clientOrderID }.count
    }

    /// The faults the exchange currently injects (`GET /admin/state`).
    func faults() async throws -> [String: Any] {
        try await admin("state", method: "GET").object["faults"] as? [String: Any] ?? [:]
    }
}
