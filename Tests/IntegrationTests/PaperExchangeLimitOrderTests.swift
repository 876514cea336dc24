import Foundation
import Testing

/// LIMIT orders: resting, duplicate open client ids, maker fills, cancels, time in force.
@Suite("paperexchange limit orders")
struct PaperExchangeLimitOrderTests {
    @Test func aRestingLimitOrderBlocksItsClientIDAndFillsAsMakerWhenTheMarkReachesIt() async throws {
        let exchange = try await PaperExchangeProcess.launch([
            "--admin", "--speed", PaperExchangeProcess.frozenSpeed, "--maker-fee-bps", "2",
        ])
        defer { exchange.stop() }
        try await exchange.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])
        let order: [(String, String)] = [
            ("symbol", "ETHUSDT"), ("side", "BUY"), ("type", "LIMIT"), ("timeInForce", "GTC"), ("quantity", "0.1"),
            ("price", "2900"), ("newClientOrderId", "bid-1"), ("newOrderRespType", "RESULT"),
        ]
        let placed = try await exchange.signed("POST", "/fapi/v1/order", order)
        #expect(placed.object["status"] as? String == "NEW", "\(placed.text)")
        let open = try await exchange.signed("GET", "/fapi/v1/openOrders", [("symbol", "ETHUSDT")]).array
        #expect(open.compactMap { $0["clientOrderId"] as? String } == ["bid-1"])
        let duplicate = try await exchange.signed("POST", "/fapi/v1/order", order)
        #expect(duplicate.code == -4116 && duplicate.object["msg"] as? String == "ClientOrderId is duplicated.")

        try await exchange.admin("price", [("symbol", "ETHUSDT"), ("price", "2899")])
        let filled = try await exchange.signed(
            "GET", "/fapi/v1/order", [("symbol", "ETHUSDT"), ("origClientOrderId", "bid-1")])
        #expect(filled.object["status"] as? String == "FILLED")
        #expect(decimal(filled.object["avgPrice"]) == 2900)
        let trades = try await exchange.signed("GET", "/fapi/v1/userTrades", [("symbol", "ETHUSDT")]).array
        #expect(trades.first?["maker"] as? Bool == true)
        #expect(decimal(trades.first?["commission"]) == Decimal(string: "0.058"))
        #expect(try await exchange.signed("GET", "/fapi/v1/openOrders").array.isEmpty)
    }

    @Test func aRestingOrderCanBeCancelledOnceAndTimeInForceIsHonoured() async throws {
        let exchange = try await PaperExchangeProcess.launch(["--admin", "--speed", PaperExchangeProcess.frozenSpeed])
        defer { exchange.stop() }
        try await exchange.admin("price", [("symbol", "BTCUSDT"), ("price", "100000")])
        func limit(_ side: String, _ price: String, _ tif: String, id: String) async throws
            -> PaperExchangeProcess.Reply
        {
            try await exchange.signed(
                "POST", "/fapi/v1/order",
                [
                    ("symbol", "BTCUSDT"), ("side", side), ("type", "LIMIT"), ("timeInForce", tif),
                    ("quantity", "0.002"),
                    ("price", price), ("newClientOrderId", id), ("newOrderRespType", "RESULT"),
                ])
        }
        _ = try await limit("SELL", "110000", "GTC", id: "ask-1")
        let cancelled = try await exchange.signed(
            "DELETE", "/fapi/v1/order", [("symbol", "BTCUSDT"), ("origClientOrderId", "ask-1")])
        #expect(cancelled.object["status"] as? String == "CANCELED")
        let again = try await exchange.signed(
            "DELETE", "/fapi/v1/order", [("symbol", "BTCUSDT"), ("origClientOrderId", "ask-1")])
        #expect(again.code == -2011)
        #expect(try await limit("SELL", "110000", "IOC", id: "ioc-1").object["status"] as? String == "EXPIRED")
        #expect(try await limit("BUY", "100500", "GTX", id: "gtx-1").code == -5022)
        let taker = try await limit("BUY", "100500", "GTC", id: "take-1")
        #expect(taker.object["status"] as? String == "FILLED")
        #expect((decimal(taker.object["avgPrice"]) ?? 0) <= 100_500)
        #expect(try await limit("BUY", "100000.05", "GTC", id: "tick-1").code == -1111)
    }
}
