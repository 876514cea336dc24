import Foundation
import Testing

/// Conditional orders through the Algo Order API, triggered by the mark price.
@Suite("paperexchange algo orders")
struct PaperExchangeAlgoTests {
    @Test func aClosePositionStopFiresWhenTheMarkCrossesAndFlattensThePosition() async throws {
        let exchange = try await PaperExchangeProcess.launch([
            "--admin", "--speed", PaperExchangeProcess.frozenSpeed, "--slippage-bps", "0",
        ])
        defer { exchange.stop() }
        try await exchange.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])
        _ = try await exchange.signed(
            "POST", "/fapi/v1/order",
            [("symbol", "ETHUSDT"), ("side", "BUY"), ("type", "MARKET"), ("quantity", "0.05")])
        let stop = try await exchange.signed(
            "POST", "/fapi/v1/algoOrder",
            [
                ("algoType", "CONDITIONAL"), ("symbol", "ETHUSDT"), ("side", "SELL"), ("type", "STOP_MARKET"),
                ("triggerPrice", "2970"), ("closePosition", "true"), ("workingType", "MARK_PRICE"),
                ("clientAlgoId", "sl-eth-1"),
            ],
            inBody: true)
        #expect(stop.status == 200, "\(stop.text)")
        #expect(stop.object["algoStatus"] as? String == "NEW")
        let algoID = try #require(stop.object["algoId"] as? Int)
        let open = try await exchange.signed("GET", "/fapi/v1/openAlgoOrders", [("symbol", "ETHUSDT")]).array
        #expect(open.compactMap { $0["algoId"] as? Int } == [algoID])

        try await exchange.admin("price", [("symbol", "ETHUSDT"), ("price", "2980")])
        #expect(
            try await exchange.signed("GET", "/fapi/v1/algoOrder", [("algoId", "\(algoID)")]).object["algoStatus"]
                as? String == "NEW")
        try await exchange.admin("price", [("symbol", "ETHUSDT"), ("price", "2950")])
        let fired = try await exchange.signed(
            "GET", "/fapi/v1/algoOrder", [("symbol", "ETHUSDT"), ("clientAlgoId", "sl-eth-1")])
        #expect(fired.object["algoStatus"] as? String == "FINISHED")
        let positions = try await exchange.signed("GET", "/fapi/v3/positionRisk").array
        #expect(positions.isEmpty)
        let trades = try await exchange.signed("GET", "/fapi/v1/userTrades", [("symbol", "ETHUSDT")]).array
        #expect(trades.count == 2)
        #expect(decimal(trades.last?["realizedPnl"]) == Decimal(string: "-2.5"))
    }

    @Test func anAlgoOrderCanBeCancelledByClientAlgoIDOnce() async throws {
        let exchange = try await PaperExchangeProcess.launch(["--admin", "--speed", PaperExchangeProcess.frozenSpeed])
        defer { exchange.stop() }
        try await exchange.admin("price", [("symbol", "BTCUSDT"), ("price", "100000")])
        let placed = try await exchange.signed(
            "POST", "/fapi/v1/algoOrder",
            [
                ("algoType", "CONDITIONAL"), ("symbol", "BTCUSDT"), ("side", "SELL"), ("type", "STOP_MARKET"),
                ("triggerPrice", "90000"), ("quantity", "0.01"), ("reduceOnly", "true"), ("clientAlgoId", "sl-btc"),
            ])
        #expect(placed.status == 200, "\(placed.text)")
        let cancel = try await exchange.signed("DELETE", "/fapi/v1/algoOrder", [("clientAlgoId", "sl-btc")])
        #expect(cancel.object["code"] as? String == "200")
        let queried = try await exchange.signed("GET", "/fapi/v1/algoOrder", [("clientAlgoId", "sl-btc")])
        #expect(queried.object["algoStatus"] as? String == "CANCELED")
        let again = try await exchange.signed("DELETE", "/fapi/v1/algoOrder", [("clientAlgoId", "sl-btc")])
        #expect(again.code == -2011)
        let immediate = try await exchange.signed(
            "POST", "/fapi/v1/algoOrder",
            [
                ("algoType", "CONDITIONAL"), ("symbol", "BTCUSDT"), ("side", "SELL"), ("type", "STOP_MARKET"),
                ("triggerPrice", "100500"), ("closePosition", "true"),
            ])
        #expect(immediate.code == -2021)
        let asOrder = try await exchange.signed(
            "GET", "/fapi/v1/order", [("symbol", "BTCUSDT"), ("orderId", "\(placed.object["algoId"] as? Int ?? 0)")])
        #expect(asOrder.code == -2013, "an algo id is not an order id")
    }
}
