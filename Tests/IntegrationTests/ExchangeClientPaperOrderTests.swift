import Foundation
import Testing

@testable import Shared

/// Orders through the real client against `paperexchange`: placing with a client id, looking
/// orders up both ways, fills from userTrades, positions, resting LIMIT orders and cancels.
///
/// Every exchange runs at ``PaperExchangeProcess/frozenSpeed`` with no slippage and marks set by the admin API, so
/// fill prices and fees are exact.
@Suite("exchange client against paperexchange: orders")
struct ExchangeClientPaperOrderTests {
    static let quiet = ["--speed", PaperExchangeProcess.frozenSpeed, "--slippage-bps", "0"]

    @Test func aMarketOrderWithAClientIDIsFoundByOrderIDAndByClientID() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(Self.quiet)
        defer { paper.stop() }
        let client = paper.client()
        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])

        let placed = try await client.newOrder(
            NewOrder(symbol: "ETHUSDT", side: .buy, quantity: Decimal(string: "0.05")!, clientOrderID: "plan-eth-1"))
        #expect(placed.clientOrderID == "plan-eth-1")
        #expect(placed.status == .filled)
        #expect(placed.executedQuantity == Decimal(string: "0.05"))
        #expect(placed.side == .buy && placed.type == "MARKET" && !placed.reduceOnly)

        let byID = try await client.queryOrder(symbol: "ETHUSDT", .orderID(placed.orderID))
        let byClientID = try await client.queryOrder(symbol: "ETHUSDT", .clientOrderID("plan-eth-1"))
        #expect(byID.orderID == placed.orderID && byClientID.orderID == placed.orderID)
        #expect(byClientID.clientOrderID == "plan-eth-1")
        #expect(byClientID.status == .filled)
        #expect(byClientID.executedQuantity == Decimal(string: "0.05"))
        #expect(byClientID.averagePrice == 3000)
    }

    @Test func aPositionShowsTheSignedAmountAndEntryPriceOfItsOrders() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(Self.quiet)
        defer { paper.stop() }
        let client = paper.client()
        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])
        try await paper.admin("price", [("symbol", "SOLUSDT"), ("price", "150")])
        #expect(try await client.positions(symbol: nil).allSatisfy { $0.positionAmount == 0 })

        _ = try await client.newOrder(
            NewOrder(symbol: "ETHUSDT", side: .buy, quantity: Decimal(string: "0.1")!, clientOrderID: "long-eth"))
        _ = try await client.newOrder(NewOrder(symbol: "SOLUSDT", side: .sell, quantity: 3, clientOrderID: "short-sol"))

        let eth = try #require(try await client.position(symbol: "ETHUSDT"))
        #expect(eth.positionAmount == Decimal(string: "0.1"))
        #expect(eth.entryPrice == 3000)
        #expect(eth.closingSide == .sell)
        let sol = try #require(try await client.position(symbol: "SOLUSDT"))
        #expect(sol.positionAmount == -3)
        #expect(sol.entryPrice == 150)
        #expect(sol.closingSide == .buy)
        let open = try await client.positions(symbol: nil).filter { $0.positionAmount != 0 }
        #expect(Set(open.map(\.symbol)) == ["ETHUSDT", "SOLUSDT"])

        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3010")])
        let moved = try #require(try await client.position(symbol: "ETHUSDT"))
        #expect(moved.markPrice == 3010)
        #expect(moved.unrealizedProfit == 1, "0.1 × (3010 − 3000)")
    }

    @Test func userTradesOfAnOrderCarryQuantityPriceAndCommission() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(Self.quiet)
        defer { paper.stop() }
        let client = paper.client()
        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])

        let first = try await client.newOrder(
            NewOrder(symbol: "ETHUSDT", side: .buy, quantity: Decimal(string: "0.05")!, clientOrderID: "trades-1"))
        _ = try await client.newOrder(
            NewOrder(symbol: "ETHUSDT", side: .buy, quantity: Decimal(string: "0.02")!, clientOrderID: "trades-2"))

        let trades = try await client.userTrades(symbol: "ETHUSDT", orderID: first.orderID)
        #expect(trades.count == 1, "only the first order's fill")
        let trade = try #require(trades.first)
        #expect(trade.orderID == first.orderID)
        #expect(trade.side == .buy)
        #expect(trade.quantity == Decimal(string: "0.05"))
        #expect(trade.price == 3000)
        #expect(trade.quoteQuantity == 150)
        #expect(trade.commission > 0)
        #expect(trade.commission == Decimal(string: "0.06"), "4 bps taker fee on 150 USDT")
        #expect(trade.commissionAsset == "USDT")
        #expect(trade.realizedPnl == 0, "opening a position realizes nothing")
    }

    @Test func placeOrderIdempotentSumsTheFillsAndRealizedPnlOfAClose() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(Self.quiet)
        defer { paper.stop() }
        let client = paper.client()
        try await paper.admin("price", [("symbol", "BTCUSDT"), ("price", "100000")])

        let open = try await client.placeOrderIdempotent(
            NewOrder(symbol: "BTCUSDT", side: .buy, quantity: Decimal(string: "0.004")!, clientOrderID: "open-btc"))
        #expect(open.origin == .placed)
        #expect(open.fills.quantity == Decimal(string: "0.004"))
        #expect(open.fills.averagePrice == 100000)
        #expect(open.fills.commission == Decimal(string: "0.16"))
        #expect(open.fills.commissionAsset == "USDT")
        #expect(open.fills.tradeIDs.count == 1)

        try await paper.admin("price", [("symbol", "BTCUSDT"), ("price", "101000")])
        let close = try await client.placeOrderIdempotent(
            NewOrder(
                symbol: "BTCUSDT", side: .sell, quantity: Decimal(string: "0.004")!, reduceOnly: true,
                clientOrderID: "close-btc"))
        #expect(close.origin == .placed)
        #expect(close.order.reduceOnly)
        #expect(close.fills.quantity == Decimal(string: "0.004"))
        #expect(close.fills.averagePrice == 101000)
        #expect(close.fills.realizedPnl == 4, "0.004 × 1000")
        #expect(close.fills.commission == Decimal(string: "0.1616"))
        #expect(try await client.position(symbol: "BTCUSDT").map(\.positionAmount) ?? 0 == 0)

        let again = try await client.placeOrderIdempotent(
            NewOrder(
                symbol: "BTCUSDT", side: .sell, quantity: Decimal(string: "0.004")!, reduceOnly: true,
                clientOrderID: "close-btc"),
            lookUpFirst: true)
        #expect(again.origin == .recovered, "a redelivered plan finds its order instead of sending it again")
        #expect(again.order.orderID == close.order.orderID)
        #expect(again.fills == close.fills)
    }

    @Test func aQuantityRoundedWithTheExchangesFiltersIsAccepted() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(Self.quiet)
        defer { paper.stop() }
        let client = paper.client()
        try await paper.admin("price", [("symbol", "BTCUSDT"), ("price", "90000")])

        let filters = try await client.symbolFilters("BTCUSDT")
        let mark = try await client.markPrice(symbol: "BTCUSDT").markPrice
        let quantity = try filters.prepareQuantity(
            Decimal(string: "0.0029")!, type: .market, referencePrice: mark, reduceOnly: false)
        #expect(quantity == Decimal(string: "0.002"))
        let refused = try #require(
            await exchangeFailure {
                try filters.prepareQuantity(
                    Decimal(string: "0.0011")!, type: .market, referencePrice: mark, reduceOnly: false)
            })
        #expect(refused.code == .invalidOrder && refused.binanceCode == -4164, "refused locally, before sending")

        let placed = try await client.newOrder(
            NewOrder(symbol: "BTCUSDT", side: .buy, quantity: quantity, clientOrderID: "rounded"))
        #expect(placed.executedQuantity == Decimal(string: "0.002"))
    }

    @Test func aRestingLimitOrderIsOpenUntilCancelledAndThenCancelledOnce() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(Self.quiet)
        defer { paper.stop() }
        let client = paper.client()
        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])

        let resting = try await client.newOrder(
            NewOrder(
                symbol: "ETHUSDT", side: .buy, type: .limit, quantity: Decimal(string: "0.01")!, price: 2500,
                clientOrderID: "bid-eth"))
        #expect(resting.status == .new)
        #expect(resting.executedQuantity == 0)
        #expect(resting.price == 2500)
        #expect(try await client.queryOrder(symbol: "ETHUSDT", .clientOrderID("bid-eth")).status == .new)
        let duplicate = try #require(
            await exchangeFailure {
                try await client.newOrder(
                    NewOrder(
                        symbol: "ETHUSDT", side: .buy, type: .limit, quantity: Decimal(string: "0.01")!, price: 2400,
                        clientOrderID: "bid-eth"))
            })
        #expect(duplicate.isBinance(BinanceErrorCode.duplicateClientOrderID), "\(duplicate)")
        expectRedacted(duplicate, paper)

        let cancelled = try await client.cancelOrder(symbol: "ETHUSDT", .orderID(resting.orderID))
        #expect(cancelled.orderID == resting.orderID)
        #expect(cancelled.status == .canceled)
        #expect(try await client.queryOrder(symbol: "ETHUSDT", .orderID(resting.orderID)).status == .canceled)
        #expect(try await client.position(symbol: "ETHUSDT").map(\.positionAmount) ?? 0 == 0)
        let twice = try #require(
            await exchangeFailure { try await client.cancelOrder(symbol: "ETHUSDT", .clientOrderID("bid-eth")) })
        #expect(twice.isBinance(BinanceErrorCode.cancelRejected), "\(twice)")
        expectRedacted(twice, paper)
    }

    @Test func placeOrderIdempotentReturnsTheOpenOrderWhenItsClientIDIsAlreadyOpen() async throws {
        let paper = try await PaperExchangeProcess.launchForClient(Self.quiet)
        defer { paper.stop() }
        let client = paper.client()
        try await paper.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])
        let order = NewOrder(
            symbol: "ETHUSDT", side: .sell, type: .limit, quantity: Decimal(string: "0.01")!, price: 3500,
            clientOrderID: "ask-eth")

        let first = try await client.placeOrderIdempotent(order)
        #expect(first.origin == .placed)
        #expect(first.order.status == .new)
        #expect(first.fills.quantity == 0 && first.fills.tradeIDs.isEmpty)
        let second = try await client.placeOrderIdempotent(order, lookupDelay: .milliseconds(50))
        #expect(second.origin == .recovered, "-4116 resolved by looking the open order up")
        #expect(second.order.orderID == first.order.orderID)
        #expect(try await paper.orders(symbol: "ETHUSDT", clientOrderID: "ask-eth") == 1)
    }
}
