import Foundation
import Testing

@testable import Shared

/// Binance's rejections as the real client surfaces them from `paperexchange`: typed
/// ``ExchangeError``s with Binance's code and HTTP status, none carrying the key or the secret.
@Suite("exchange client against paperexchange: rejections")
struct ExchangeClientPaperRejectionTests {
    @Test func aReduceOnlyOrderWithoutAPositionIsRejectedWith2022() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(ExchangeClientPaperOrderTests.quiet)
        defer { paper.stop() }
        let client = paper.client()

        let error = try #require(
            await exchangeFailure {
                try await client.newOrder(
                    NewOrder(
                        symbol: "ETHUSDT", side: .sell, quantity: Decimal(string: "0.05")!, reduceOnly: true,
                        clientOrderID: "ro-1"))
            })
        #expect(error.code == .api && error.binanceCode == BinanceErrorCode.reduceOnlyRejected, "\(error)")
        #expect(error.httpStatus == 400)
        #expect(error.endpoint == "POST /fapi/v1/order")
        #expect(error.resultCode == "exchange_rejected:-2022")
        #expect(!error.message.isEmpty)
        expectRedacted(error, paper)
        #expect(
            await exchangeFailure { try await client.queryOrder(symbol: "ETHUSDT", .clientOrderID("ro-1")) }?.isBinance(
                -2013) == true)
    }

    @Test func anUnroundedQuantityIsRejectedWith1111() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(ExchangeClientPaperOrderTests.quiet)
        defer { paper.stop() }
        let client = paper.client()
        try await paper.admin("price", [("symbol", "BTCUSDT"), ("price", "100000")])

        let error = try #require(
            await exchangeFailure {
                try await client.newOrder(
                    NewOrder(
                        symbol: "BTCUSDT", side: .buy, quantity: Decimal(string: "0.0105")!, clientOrderID: "prec-1"))
            })
        #expect(error.code == .api && error.binanceCode == -1111, "\(error)")
        #expect(error.httpStatus == 400)
        expectRedacted(error, paper)
        #expect(try await client.positions(symbol: "BTCUSDT").allSatisfy { $0.positionAmount == 0 })
    }

    @Test func anOrderBelowTheMinimumNotionalIsRejectedWith4164() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(ExchangeClientPaperOrderTests.quiet)
        defer { paper.stop() }
        let client = paper.client()
        try await paper.admin("price", [("symbol", "BTCUSDT"), ("price", "50000")])

        let error = try #require(
            await exchangeFailure {
                try await client.newOrder(
                    NewOrder(
                        symbol: "BTCUSDT", side: .buy, quantity: Decimal(string: "0.001")!, clientOrderID: "notional-1")
                )
            })
        #expect(error.code == .api && error.binanceCode == BinanceErrorCode.minNotional, "\(error)")
        #expect(error.httpStatus == 400)
        expectRedacted(error, paper)
    }

    @Test func queryingAnOrderThatDoesNotExistIsRejectedWith2013() async throws {
        let paper = try await PaperExchangeProcess.launchForClient()
        defer { paper.stop() }
        let client = paper.client()

        let byClientID = try #require(
            await exchangeFailure {
                try await client.queryOrder(symbol: "BTCUSDT", .clientOrderID("never-sent"))
            })
        #expect(byClientID.isBinance(BinanceErrorCode.noSuchOrder), "\(byClientID)")
        #expect(byClientID.httpStatus == 400)
        let byID = try #require(
            await exchangeFailure { try await client.queryOrder(symbol: "BTCUSDT", .orderID(987_654)) })
        #expect(byID.isBinance(BinanceErrorCode.noSuchOrder), "\(byID)")
        expectRedacted(byClientID, paper)
        expectRedacted(byID, paper)
        #expect(
            try await client.findOrder(
                symbol: "BTCUSDT", .clientOrderID("never-sent"), attempts: 2, delay: .milliseconds(10)) == nil)
    }

    @Test func aDryRunClientReadsButNeverSendsAnOrder() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(ExchangeClientPaperOrderTests.quiet)
        defer { paper.stop() }
        let client = paper.client(configure: { $0.mode = .dryRun })
        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])

        #expect(try await client.markPrice(symbol: "ETHUSDT").markPrice == 3000)
        #expect(try await client.balances().contains { $0.asset == "USDT" })
        let error = try #require(
            await exchangeFailure {
                try await client.newOrder(
                    NewOrder(symbol: "ETHUSDT", side: .buy, quantity: Decimal(string: "0.05")!, clientOrderID: "dry-1"))
            })
        #expect(error.code == .dryRun, "\(error)")
        #expect(error.resultCode == "dry_run")
        expectRedacted(error, paper)
        #expect(try await paper.orders(symbol: "ETHUSDT", clientOrderID: "dry-1") == 0)
        #expect(try await client.position(symbol: "ETHUSDT").map(\.positionAmount) ?? 0 == 0)
    }

    @Test func aWrongAPIKeyIsRejectedWith2015AndHTTP401() async throws {
        let paper = try await PaperExchangeProcess.launchForClient()
        defer { paper.stop() }
        let client = paper.client(apiKey: "not-the-key")

        let error = try #require(await exchangeFailure { try await client.balances() })
        #expect(error.code == .api && error.binanceCode == BinanceErrorCode.rejectedAPIKey, "\(error)")
        #expect(error.httpStatus == 401)
        expectRedacted(error, paper)
        #expect(try await client.markPrice(symbol: "BTCUSDT").markPrice > 0, "public endpoints need no key")
    }

    @Test func aWrongSecretIsRejectedWith1022AndNeverShown() async throws {
        let paper = try await PaperExchangeProcess.launchForClient()
        defer { paper.stop() }
        let wrongSecret = "wrong-secret-\(UUID().uuidString)"
        let client = paper.client(apiSecret: wrongSecret)

        let error = try #require(await exchangeFailure { try await client.positions(symbol: nil) })
        #expect(error.code == .api && error.binanceCode == BinanceErrorCode.invalidSignature, "\(error)")
        #expect(error.httpStatus == 400)
        expectRedacted(error, paper, also: [wrongSecret])
        let order = try #require(
            await exchangeFailure {
                try await client.newOrder(
                    NewOrder(symbol: "ETHUSDT", side: .buy, quantity: 1, clientOrderID: "bad-sig"))
            })
        #expect(
            order.isBinance(BinanceErrorCode.invalidSignature), "a definite rejection, not an unknown outcome: \(order)"
        )
        expectRedacted(order, paper, also: [wrongSecret])
    }

    @Test func aClockSixtySecondsBehindIsCorrectedByTheFirstServerTimeSync() async throws {
        let paper = try await PaperExchangeProcess.launchForClient()
        defer { paper.stop() }
        let clock = SkewedClock(skew: -60_000)
        let client = paper.client(now: clock.now)

        let before = try await paper.rejectedRequests()
        _ = try await client.balances()
        _ = try await client.positions(symbol: nil)
        #expect(try await paper.rejectedRequests() == before, "signed with the measured offset: no -1021 at all")
    }

    @Test func aClockThatJumpsBackAfterSyncingIsResyncedOnceOn1021AndTheCallSucceeds() async throws {
        let paper = try await PaperExchangeProcess.launchForClient()
        defer { paper.stop() }
        let clock = SkewedClock(skew: 0)
        let client = paper.client(now: clock.now)
        _ = try await client.balances()

        clock.set(skew: -60_000)
        let before = try await paper.rejectedRequests()
        let usdt = try await client.balances().first { $0.asset == "USDT" }
        #expect(usdt?.balance == 10_000)
        #expect(try await paper.rejectedRequests() == before + 1, "one -1021, then one resync and a successful retry")
        _ = try await client.positions(symbol: nil)
        #expect(try await paper.rejectedRequests() == before + 1, "the new offset sticks")
    }

    @Test func anOrderRejectedWith1021IsResentAfterTheResyncAndPlacedOnce() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(ExchangeClientPaperOrderTests.quiet)
        defer { paper.stop() }
        let clock = SkewedClock(skew: 0)
        let client = paper.client(now: clock.now)
        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])
        _ = try await client.balances()

        clock.set(skew: -60_000)
        let before = try await paper.rejectedRequests()
        let placed = try await client.placeOrderIdempotent(
            NewOrder(symbol: "ETHUSDT", side: .buy, quantity: Decimal(string: "0.05")!, clientOrderID: "after-1021"))
        #expect(placed.origin == .placed, "-1021 is a definite rejection: sending again is safe")
        #expect(try await paper.rejectedRequests() == before + 1)
        #expect(try await paper.orders(symbol: "ETHUSDT", clientOrderID: "after-1021") == 1)
    }

    @Test func aClockThatKeepsFallingBehindSurfaces1021AfterOneResync() async throws {
        let paper = try await PaperExchangeProcess.launchForClient()
        defer { paper.stop() }
        let clock = SkewedClock(skew: 0)
        let client = paper.client(now: clock.now)
        _ = try await client.balances()

        clock.set(skew: -60_000, driftPerReading: -60_000)
        let before = try await paper.rejectedRequests()
        let error = try #require(await exchangeFailure { try await client.balances() })
        #expect(error.code == .api && error.binanceCode == BinanceErrorCode.invalidTimestamp, "\(error)")
        #expect(error.httpStatus == 400)
        expectRedacted(error, paper)
        #expect(try await paper.rejectedRequests() == before + 2, "the original and exactly one retry after resyncing")
    }
}

/// A wall clock for the client that can be set behind real time, and made to fall further
/// behind on every reading.
final class SkewedClock: @unchecked Sendable {
    private let lock = NSLock()
    private var skew: Int64
    private var drift: Int64 = 0

    init(skew: Int64) { self.skew = skew }

    func set(skew: Int64, driftPerReading: Int64 = 0) {
        lock.withLock {
            self.skew = skew
            drift = driftPerReading
        }
    }

    /// Real time plus the skew; each reading then adds the drift to the skew.
    @Sendable func now() -> Int64 {
        lock.withLock {
            let value = PaperExchangeProcess.nowMillis() + skew
            skew += drift
            return value
        }
    }
}

/// Expects `error`'s description, debug description and message to hold neither the exchange's
/// key nor its secret, nor any of `also`.
func expectRedacted(
    _ error: ExchangeError, _ paper: PaperExchangeProcess, also: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let texts = [error.description, String(reflecting: error), error.message, "\(error)"]
    for needle in [paper.apiSecret, paper.apiKey] + also {
        #expect(
            !texts.contains { $0.contains(needle) }, "ExchangeError shows a credential", sourceLocation: sourceLocation)
    }
}

extension PaperExchangeProcess {
    /// `paperexchange_requests_total{outcome="rejected"}` from the exchange's `/metrics`.
    func rejectedRequests() async throws -> Int {
        let text = try await send("GET", "/metrics").text
        let line = text.split(separator: "\n").first {
            $0.hasPrefix("paperexchange_requests_total{") && $0.contains("\"rejected\"")
        }
        return line.flatMap { $0.split(separator: " ").last }.flatMap { Int(Double($0) ?? -1) } ?? 0
    }
}
