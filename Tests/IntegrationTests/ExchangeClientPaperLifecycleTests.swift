import Foundation
import Testing

@testable import Shared

/// A position's life through the real client against `paperexchange`: income history after a
/// round trip and a funding boundary, and the protective `STOP_MARKET closePosition` algo order.
@Suite("exchange client against paperexchange: income and protective stops")
struct ExchangeClientPaperLifecycleTests {
    @Test func incomeHistoryHasRealizedPnlCommissionAndFundingThatAddUpToTheBalance() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(ExchangeClientPaperOrderTests.quiet)
        defer { paper.stop() }
        let client = paper.client()
        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])

        let open = try await client.placeOrderIdempotent(
            NewOrder(symbol: "ETHUSDT", side: .buy, quantity: Decimal(string: "0.5")!, clientOrderID: "rt-open"))
        try await paper.admin("advance", [("seconds", "\(8 * 3600 + 60)")])
        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3100")])
        let close = try await client.placeOrderIdempotent(
            NewOrder(
                symbol: "ETHUSDT", side: .sell, quantity: Decimal(string: "0.5")!, reduceOnly: true,
                clientOrderID: "rt-close"))
        #expect(close.fills.realizedPnl == 50, "0.5 × (3100 − 3000)")

        let rows = try await client.incomeHistory(IncomeQuery(symbol: "ETHUSDT"))
        let byType = Dictionary(grouping: rows, by: \.incomeType)
        let realized = try #require(byType["REALIZED_PNL"])
        #expect(realized.map(\.income) == [50])
        let commissions = try #require(byType["COMMISSION"])
        #expect(commissions.count == 2)
        #expect(commissions.reduce(0) { $0 + $1.income } == -(open.fills.commission + close.fills.commission))
        let funding = try #require(
            byType["FUNDING_FEE"], "a long held across a funding boundary pays or receives funding")
        for fee in funding {
            #expect(fee.income != 0)
            #expect(abs(fee.income) < 1, "|0.5 ETH × mark × rate| for a rate of at most 0.03%")
        }
        #expect(rows.allSatisfy { $0.asset == "USDT" && $0.symbol == "ETHUSDT" })
        #expect(Set(rows.map(\.transactionID)).count == rows.count)
        #expect(realized.first?.tradeID.isEmpty == false)

        let onlyFunding = try await client.incomeHistory(IncomeQuery(incomeType: "FUNDING_FEE"))
        #expect(onlyFunding.map(\.transactionID) == funding.map(\.transactionID))

        let usdt = try #require(try await client.balances().first { $0.asset == "USDT" })
        #expect(
            usdt.balance == 10_000 + rows.reduce(0) { $0 + $1.income }, "the wallet moved by exactly the income rows")
    }

    @Test func aStopCloseIsListedOpenAndCanBeCancelledByClientAlgoID() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(ExchangeClientPaperOrderTests.quiet)
        defer { paper.stop() }
        let client = paper.client()
        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])
        _ = try await client.newOrder(
            NewOrder(symbol: "ETHUSDT", side: .buy, quantity: Decimal(string: "0.05")!, clientOrderID: "sl-open"))

        let stop = try await client.placeStopClose(
            StopCloseOrder(symbol: "ETHUSDT", side: .sell, triggerPrice: 2900, clientAlgoID: "sl-eth-a"))
        #expect(stop.clientAlgoID == "sl-eth-a")
        #expect(stop.symbol == "ETHUSDT" && stop.side == .sell)
        #expect(stop.orderType == "STOP_MARKET")
        #expect(stop.status == "NEW")
        #expect(stop.triggerPrice == 2900)
        #expect(stop.closePosition)
        #expect(stop.workingType == "MARK_PRICE")

        let listed = try await client.openAlgoOrders(symbol: "ETHUSDT")
        #expect(listed.map(\.algoID) == [stop.algoID])
        #expect(try await client.openAlgoOrders(symbol: nil).map(\.algoID) == [stop.algoID])

        let cancelled = try await client.cancelAlgoOrder(symbol: "ETHUSDT", .clientAlgoID("sl-eth-a"))
        #expect(cancelled.algoID == stop.algoID)
        #expect(cancelled.status == "CANCELED")
        #expect(try await client.openAlgoOrders(symbol: "ETHUSDT").isEmpty)
        let twice = try #require(
            await exchangeFailure { try await client.cancelAlgoOrder(symbol: "ETHUSDT", .algoID(stop.algoID)) })
        #expect(twice.isBinance(BinanceErrorCode.cancelRejected), "\(twice)")
        expectRedacted(twice, paper)

        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "2800")])
        #expect(
            try await client.position(symbol: "ETHUSDT")?.positionAmount == Decimal(string: "0.05"),
            "a cancelled stop never fires")
    }

    @Test func aStopCloseFlattensThePositionWhenTheMarkCrossesIt() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(ExchangeClientPaperOrderTests.quiet)
        defer { paper.stop() }
        let client = paper.client()
        try await paper.admin("price", [("symbol", "SOLUSDT"), ("price", "150")])
        _ = try await client.newOrder(
            NewOrder(symbol: "SOLUSDT", side: .sell, quantity: 4, clientOrderID: "short-open"))

        let stop = try await client.placeStopClose(
            StopCloseOrder(
                symbol: "SOLUSDT", side: .buy, triggerPrice: Decimal(string: "155.5")!, clientAlgoID: "sl-sol"))
        #expect(stop.status == "NEW")
        let early = try #require(
            await exchangeFailure {
                try await client.placeStopClose(
                    StopCloseOrder(symbol: "SOLUSDT", side: .buy, triggerPrice: 149, clientAlgoID: "sl-sol-bad"))
            })
        #expect(early.isBinance(-2021), "a stop that would trigger at once is refused: \(early)")
        expectRedacted(early, paper)

        try await paper.admin("price", [("symbol", "SOLUSDT"), ("price", "155")])
        #expect(try await client.position(symbol: "SOLUSDT")?.positionAmount == -4, "not crossed yet")
        try await paper.admin("price", [("symbol", "SOLUSDT"), ("price", "156")])

        #expect(
            try await client.position(symbol: "SOLUSDT").map(\.positionAmount) ?? 0 == 0, "the stop closed the short")
        #expect(try await client.openAlgoOrders(symbol: "SOLUSDT").isEmpty)
        let realized = try await client.incomeHistory(IncomeQuery(symbol: "SOLUSDT", incomeType: "REALIZED_PNL"))
        #expect(realized.count == 1)
        #expect(realized.first?.income == -24, "4 SOL shorted at 150, bought back at the 156 mark")
    }
}
