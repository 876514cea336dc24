import Foundation
import Testing

/// MARKET orders, positions, fills, fees and Binance's order rejections.
@Suite("paperexchange orders")
struct PaperExchangeOrderTests {
    /// Frozen prices (admin to set them, ``PaperExchangeProcess/frozenSpeed``) and no slippage,
    /// so fills are exact.
    static let frozen = [
        "--admin", "--speed", PaperExchangeProcess.frozenSpeed, "--slippage-bps", "0", "--fee-bps", "4",
    ]

    @Test func aMarketOrderWithAClientIDIsFoundByItAndOpensAPosition() async throws {
        let exchange = try await PaperExchangeProcess.launch()
        defer { exchange.stop() }
        let placed = try await exchange.signed(
            "POST", "/fapi/v1/order",
            [
                ("symbol", "BTCUSDT"), ("side", "BUY"), ("type", "MARKET"), ("quantity", "0.01"),
                ("newClientOrderId", "plan-42:open"), ("newOrderRespType", "RESULT"),
            ], inBody: true)
        #expect(placed.status == 200, "\(placed.text)")
        #expect(placed.object["status"] as? String == "FILLED")
        #expect(decimal(placed.object["executedQty"]) == Decimal(string: "0.01"))
        let average = try #require(decimal(placed.object["avgPrice"]))
        #expect(decimal(placed.object["cumQuote"]) == average * Decimal(string: "0.01")!)

        let queried = try await exchange.signed(
            "GET", "/fapi/v1/order", [("symbol", "BTCUSDT"), ("origClientOrderId", "plan-42:open")])
        #expect(queried.object["orderId"] as? Int == placed.object["orderId"] as? Int)
        #expect(queried.object["status"] as? String == "FILLED")
        #expect(queried.object["clientOrderId"] as? String == "plan-42:open")

        let positions = try await exchange.signed("GET", "/fapi/v3/positionRisk").array
        let btc = try #require(positions.first { $0["symbol"] as? String == "BTCUSDT" })
        #expect(decimal(btc["positionAmt"]) == Decimal(string: "0.01"))
        #expect(decimal(btc["entryPrice"]) == average)
        #expect((decimal(btc["notional"]) ?? 0) > 0)
        #expect(positions.count == 1, "v3 lists only symbols with a position")

        let missing = try await exchange.signed(
            "GET", "/fapi/v1/order", [("symbol", "BTCUSDT"), ("origClientOrderId", "nope")])
        #expect(missing.code == -2013 && missing.object["msg"] as? String == "Order does not exist.")
    }

    @Test func anOrderLikeThePythonApplyLayerSendsGetsAnACKAndAnAssignedID() async throws {
        let exchange = try await PaperExchangeProcess.launch()
        defer { exchange.stop() }
        let placed = try await exchange.signed(
            "POST", "/fapi/v1/order",
            [("symbol", "SOLUSDT"), ("side", "SELL"), ("type", "MARKET"), ("quantity", "5.0")])
        #expect(placed.status == 200, "\(placed.text)")
        #expect(placed.object["status"] as? String == "NEW")
        #expect(decimal(placed.object["executedQty"]) == 0)
        let clientID = try #require(placed.object["clientOrderId"] as? String)
        #expect(clientID.count == 22)
        let orderID = try #require(placed.object["orderId"] as? Int)
        let queried = try await exchange.signed(
            "GET", "/fapi/v1/order", [("symbol", "SOLUSDT"), ("orderId", "\(orderID)")])
        #expect(queried.object["status"] as? String == "FILLED")
        #expect(decimal(queried.object["executedQty"]) == 5)
        let all = try await exchange.signed("GET", "/fapi/v2/positionRisk").array
        #expect(all.count == 5, "v2 without symbol lists every symbol")
        let sol = try #require(all.first { $0["symbol"] as? String == "SOLUSDT" })
        #expect(decimal(sol["positionAmt"]) == -5)
        #expect((decimal(sol["notional"]) ?? 0) < 0, "notional is signed")
    }

    @Test func aReduceOnlyCloseRealizesPnLAndChargesTheTakerFee() async throws {
        let exchange = try await PaperExchangeProcess.launch(Self.frozen)
        defer { exchange.stop() }
        try await exchange.admin("price", [("symbol", "BTCUSDT"), ("price", "100000")])
        let open = try await exchange.signed(
            "POST", "/fapi/v1/order",
            [
                ("symbol", "BTCUSDT"), ("side", "BUY"), ("type", "MARKET"), ("quantity", "0.010"),
                ("newOrderRespType", "RESULT"),
            ])
        #expect(decimal(open.object["avgPrice"]) == 100_000)
        try await exchange.admin("price", [("symbol", "BTCUSDT"), ("price", "101000")])
        let close = try await exchange.signed(
            "POST", "/fapi/v1/order",
            [
                ("symbol", "BTCUSDT"), ("side", "SELL"), ("type", "MARKET"), ("quantity", "0.01"),
                ("reduceOnly", "true"),
                ("newClientOrderId", "close-1"), ("newOrderRespType", "RESULT"),
            ])
        #expect(close.object["status"] as? String == "FILLED", "\(close.text)")
        let closeID = try #require(close.object["orderId"] as? Int)

        let trades = try await exchange.signed(
            "GET", "/fapi/v1/userTrades", [("symbol", "BTCUSDT"), ("orderId", "\(closeID)")]
        ).array
        #expect(trades.count == 1)
        #expect(decimal(trades.first?["realizedPnl"]) == 10)
        #expect(decimal(trades.first?["commission"]) == Decimal(string: "0.404"))
        #expect(decimal(trades.first?["price"]) == 101_000)

        let income = try await exchange.signed("GET", "/fapi/v1/income", [("symbol", "BTCUSDT")]).array
        let pnl = income.filter { $0["incomeType"] as? String == "REALIZED_PNL" }.compactMap { decimal($0["income"]) }
        let fees = income.filter { $0["incomeType"] as? String == "COMMISSION" }.compactMap { decimal($0["income"]) }
        #expect(pnl == [10])
        #expect(fees == [Decimal(string: "-0.4")!, Decimal(string: "-0.404")!])

        let balance = try await exchange.signed("GET", "/fapi/v2/balance").array
        #expect(decimal(balance.first?["balance"]) == Decimal(string: "10009.196"))
        let positions = try await exchange.signed("GET", "/fapi/v3/positionRisk").array
        #expect(positions.isEmpty, "the position is flat")
    }

    @Test func reduceOnlyWithoutAPositionOrIncreasingItGets2022() async throws {
        let exchange = try await PaperExchangeProcess.launch()
        defer { exchange.stop() }
        let none = try await exchange.signed(
            "POST", "/fapi/v1/order",
            [("symbol", "ETHUSDT"), ("side", "SELL"), ("type", "MARKET"), ("quantity", "0.01"), ("reduceOnly", "true")])
        #expect(none.status == 400)
        #expect(none.code == -2022 && none.object["msg"] as? String == "ReduceOnly Order is rejected.")
        _ = try await exchange.signed(
            "POST", "/fapi/v1/order",
            [("symbol", "ETHUSDT"), ("side", "BUY"), ("type", "MARKET"), ("quantity", "0.01")])
        let increase = try await exchange.signed(
            "POST", "/fapi/v1/order",
            [("symbol", "ETHUSDT"), ("side", "BUY"), ("type", "MARKET"), ("quantity", "0.01"), ("reduceOnly", "true")])
        #expect(increase.code == -2022)
        let tooBig = try await exchange.signed(
            "POST", "/fapi/v1/order",
            [("symbol", "ETHUSDT"), ("side", "SELL"), ("type", "MARKET"), ("quantity", "0.02"), ("reduceOnly", "true")])
        #expect(tooBig.code == -2022)
    }

    @Test func aQuantityFinerThanTheStepGets1111() async throws {
        let exchange = try await PaperExchangeProcess.launch()
        defer { exchange.stop() }
        let reply = try await exchange.signed(
            "POST", "/fapi/v1/order",
            [("symbol", "BTCUSDT"), ("side", "BUY"), ("type", "MARKET"), ("quantity", "0.0105")])
        #expect(reply.code == -1111)
        #expect(reply.object["msg"] as? String == "Precision is over the maximum defined for this asset.")
        let floatArtefact = try await exchange.signed(
            "POST", "/fapi/v1/order",
            [("symbol", "ETHUSDT"), ("side", "BUY"), ("type", "MARKET"), ("quantity", "0.30000000000000004")])
        #expect(floatArtefact.code == -1111)
    }

    @Test func aNonReduceOrderBelowMinNotionalGets4164ButAReduceOnlyOneDoesNot() async throws {
        let exchange = try await PaperExchangeProcess.launch(Self.frozen)
        defer { exchange.stop() }
        try await exchange.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])
        let small = try await exchange.signed(
            "POST", "/fapi/v1/order",
            [("symbol", "ETHUSDT"), ("side", "BUY"), ("type", "MARKET"), ("quantity", "0.005")])
        #expect(small.code == -4164)
        #expect(
            small.object["msg"] as? String
                == "Order's notional must be no smaller than 20 (unless you choose reduce only)")
        _ = try await exchange.signed(
            "POST", "/fapi/v1/order",
            [("symbol", "ETHUSDT"), ("side", "BUY"), ("type", "MARKET"), ("quantity", "0.01")])
        let reduce = try await exchange.signed(
            "POST", "/fapi/v1/order",
            [
                ("symbol", "ETHUSDT"), ("side", "SELL"), ("type", "MARKET"), ("quantity", "0.005"),
                ("reduceOnly", "true"),
            ])
        #expect(reduce.status == 200, "\(reduce.text)")
    }

    @Test func conditionalTypesOnTheOrderEndpointGet4120() async throws {
        let exchange = try await PaperExchangeProcess.launch()
        defer { exchange.stop() }
        let reply = try await exchange.signed(
            "POST", "/fapi/v1/order",
            [
                ("symbol", "BTCUSDT"), ("side", "SELL"), ("type", "STOP_MARKET"), ("stopPrice", "1000"),
                ("closePosition", "true"),
            ])
        #expect(reply.code == -4120)
    }
}
