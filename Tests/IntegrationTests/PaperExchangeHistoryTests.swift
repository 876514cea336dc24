import Foundation
import Testing

/// Lookups that must hold however long the account's history: open client ids, orders by id
/// and client id, trades by order, the symbols v3 lists, after thousands of orders.
@Suite("paperexchange history")
struct PaperExchangeHistoryTests {
    /// Frozen prices (admin sets them; ``PaperExchangeProcess/frozenSpeed``), no slippage, a large wallet.
    static let frozen = [
        "--admin", "--speed", PaperExchangeProcess.frozenSpeed, "--slippage-bps", "0", "--balance", "1000000",
    ]

    static func market(
        _ exchange: PaperExchangeProcess, _ symbol: String, _ side: String, _ quantity: String, id: String? = nil
    ) async throws -> PaperExchangeProcess.Reply {
        var parameters = [("symbol", symbol), ("side", side), ("type", "MARKET"), ("quantity", quantity)]
        if let id { parameters.append(("newClientOrderId", id)) }
        parameters.append(("newOrderRespType", "RESULT"))
        return try await exchange.signed("POST", "/fapi/v1/order", parameters)
    }

    static func limit(
        _ exchange: PaperExchangeProcess, _ symbol: String, _ side: String, _ quantity: String, price: String,
        id: String
    ) async throws -> PaperExchangeProcess.Reply {
        try await exchange.signed(
            "POST", "/fapi/v1/order",
            [
                ("symbol", symbol), ("side", side), ("type", "LIMIT"), ("timeInForce", "GTC"), ("quantity", quantity),
                ("price", price), ("newClientOrderId", id), ("newOrderRespType", "RESULT"),
            ])
    }

    @Test func anOpenLimitOrdersClientIDStaysTakenWhileOtherOrdersFillAndIsFreeOnceCancelled() async throws {
        let exchange = try await PaperExchangeProcess.launch(Self.frozen)
        defer { exchange.stop() }
        try await exchange.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])
        let resting = try await Self.limit(exchange, "ETHUSDT", "BUY", "0.1", price: "2900", id: "rest-1")
        #expect(resting.object["status"] as? String == "NEW", "\(resting.text)")
        var reused: [Int] = []
        for i in 0..<60 {
            let id = i % 20 == 0 ? "again" : "m-\(i)"
            let placed = try await Self.market(exchange, "ETHUSDT", i % 2 == 0 ? "BUY" : "SELL", "0.01", id: id)
            #expect(placed.object["status"] as? String == "FILLED", "\(placed.text)")
            if id == "again" { reused.append(try #require(placed.object["orderId"] as? Int)) }
        }
        #expect(reused.count == 3, "the id of a filled order may be used again")

        let duplicate = try await Self.limit(exchange, "ETHUSDT", "BUY", "0.1", price: "2800", id: "rest-1")
        #expect(duplicate.code == -4116 && duplicate.object["msg"] as? String == "ClientOrderId is duplicated.")
        #expect(try await Self.market(exchange, "BTCUSDT", "BUY", "0.001", id: "rest-1").code == -4116, "on any symbol")

        let newest = try await exchange.signed(
            "GET", "/fapi/v1/order", [("symbol", "ETHUSDT"), ("origClientOrderId", "again")])
        #expect(newest.object["orderId"] as? Int == reused.last)
        let first = try await exchange.signed(
            "GET", "/fapi/v1/order",
            [("symbol", "ETHUSDT"), ("orderId", "\(reused[0])"), ("origClientOrderId", "again")])
        #expect(first.object["orderId"] as? Int == reused[0])
        let mismatched = try await exchange.signed(
            "GET", "/fapi/v1/order", [("symbol", "ETHUSDT"), ("orderId", "\(reused[0])"), ("origClientOrderId", "m-1")])
        #expect(mismatched.code == -2013, "both ids given must name the same order")
        let otherSymbol = try await exchange.signed(
            "GET", "/fapi/v1/order", [("symbol", "BTCUSDT"), ("origClientOrderId", "again")])
        #expect(otherSymbol.code == -2013)

        let cancelled = try await exchange.signed(
            "DELETE", "/fapi/v1/order", [("symbol", "ETHUSDT"), ("origClientOrderId", "rest-1")])
        #expect(cancelled.object["status"] as? String == "CANCELED")
        let reusedRest = try await Self.market(exchange, "ETHUSDT", "BUY", "0.01", id: "rest-1")
        #expect(reusedRest.object["status"] as? String == "FILLED", "\(reusedRest.text)")
        let found = try await exchange.signed(
            "GET", "/fapi/v1/order", [("symbol", "ETHUSDT"), ("origClientOrderId", "rest-1")])
        #expect(found.object["orderId"] as? Int == reusedRest.object["orderId"] as? Int)
        #expect(try await exchange.signed("GET", "/fapi/v1/openOrders").array.isEmpty)
        let cancelAgain = try await exchange.signed(
            "DELETE", "/fapi/v1/order", [("symbol", "ETHUSDT"), ("origClientOrderId", "rest-1")])
        #expect(cancelAgain.code == -2011, "the newest rest-1 is filled")
    }

    @Test func userTradesByOrderIDFindTheirOrderAmongThousandsAndWindowsKeepBinancesOrder() async throws {
        let exchange = try await PaperExchangeProcess.launch(Self.frozen)
        defer { exchange.stop() }
        try await exchange.admin("price", [("symbol", "BTCUSDT"), ("price", "100000")])
        try await exchange.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])
        let count = 2_000
        // (order id, symbol, side) of every order, placed eight at a time.
        let placed = try await withThrowingTaskGroup(of: [(Int, String, String)].self) { group in
            for lane in 0..<8 {
                group.addTask {
                    var rows: [(Int, String, String)] = []
                    for i in stride(from: lane, to: count, by: 8) {
                        let symbol = i % 2 == 0 ? "BTCUSDT" : "ETHUSDT"
                        let side = (i / 2) % 2 == 0 ? "BUY" : "SELL"
                        let reply = try await Self.market(
                            exchange, symbol, side, symbol == "BTCUSDT" ? "0.002" : "0.01")
                        rows.append((try #require(reply.object["orderId"] as? Int, "\(reply.text)"), symbol, side))
                    }
                    return rows
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }.sorted { $0.0 < $1.0 }
        }
        #expect(placed.count == count)
        for (orderID, symbol, side) in [placed[0], placed[1], placed[count / 2], placed[count - 2], placed[count - 1]] {
            let trades = try await exchange.signed(
                "GET", "/fapi/v1/userTrades", [("symbol", symbol), ("orderId", "\(orderID)")]
            ).array
            #expect(trades.count == 1)
            #expect(trades.first?["orderId"] as? Int == orderID)
            #expect(trades.first?["side"] as? String == side)
            let other = symbol == "BTCUSDT" ? "ETHUSDT" : "BTCUSDT"
            let wrongSymbol = try await exchange.signed(
                "GET", "/fapi/v1/userTrades", [("symbol", other), ("orderId", "\(orderID)")])
            #expect(wrongSymbol.array.isEmpty && wrongSymbol.status == 200)
        }
        let btcOrders = placed.filter { $0.1 == "BTCUSDT" }.map(\.0)
        let latest = try await exchange.signed("GET", "/fapi/v1/userTrades", [("symbol", "BTCUSDT")]).array
        #expect(
            latest.compactMap { $0["orderId"] as? Int } == Array(btcOrders.suffix(500)), "the newest 500, oldest first")
        let three = try await exchange.signed("GET", "/fapi/v1/userTrades", [("symbol", "BTCUSDT"), ("limit", "3")])
            .array
        #expect(three.compactMap { $0["orderId"] as? Int } == Array(btcOrders.suffix(3)))
        let fromStart = try await exchange.signed(
            "GET", "/fapi/v1/userTrades", [("symbol", "BTCUSDT"), ("startTime", "0"), ("limit", "5")]
        ).array
        #expect(
            fromStart.compactMap { $0["orderId"] as? Int } == Array(btcOrders.prefix(5)), "from startTime: the oldest")
        let ethOrders = placed.filter { $0.1 == "ETHUSDT" }.map(\.0)
        let allOrders = try await exchange.signed(
            "GET", "/fapi/v1/allOrders", [("symbol", "ETHUSDT"), ("limit", "10")]
        ).array
        #expect(allOrders.compactMap { $0["orderId"] as? Int } == Array(ethOrders.suffix(10)))
        let lastETH = try #require(ethOrders.last)
        let byID = try await exchange.signed(
            "GET", "/fapi/v1/order", [("symbol", "ETHUSDT"), ("orderId", "\(lastETH)")])
        #expect(byID.object["status"] as? String == "FILLED")
    }

    @Test func v3ListsASymbolWhileItHasAnOpenOrderOrStopAndNotAfterTheyAreCancelled() async throws {
        let exchange = try await PaperExchangeProcess.launch(Self.frozen)
        defer { exchange.stop() }
        try await exchange.admin("price", [("symbol", "SOLUSDT"), ("price", "180")])
        try await exchange.admin("price", [("symbol", "DOGEUSDT"), ("price", "0.17")])
        func listed() async throws -> [String] {
            try await exchange.signed("GET", "/fapi/v3/positionRisk").array.compactMap { $0["symbol"] as? String }
        }
        _ = try await Self.market(exchange, "BTCUSDT", "BUY", "0.002")
        _ = try await Self.market(exchange, "BTCUSDT", "SELL", "0.002")
        #expect(try await listed().isEmpty, "a flat position with only filled orders is not listed")
        let ask = try await Self.limit(exchange, "SOLUSDT", "SELL", "1", price: "200", id: "sol-ask")
        #expect(ask.object["status"] as? String == "NEW", "\(ask.text)")
        let stop = try await exchange.signed(
            "POST", "/fapi/v1/algoOrder",
            [
                ("algoType", "CONDITIONAL"), ("symbol", "DOGEUSDT"), ("side", "BUY"), ("type", "STOP_MARKET"),
                ("triggerPrice", "0.2"), ("quantity", "100"), ("clientAlgoId", "doge-stop"),
            ])
        #expect(stop.object["algoStatus"] as? String == "NEW", "\(stop.text)")
        #expect(try await listed() == ["SOLUSDT", "DOGEUSDT"])
        let sol = try await exchange.signed("GET", "/fapi/v3/positionRisk", [("symbol", "SOLUSDT")]).array
        #expect(sol.first?["positionAmt"] as? String == "0")
        let account = try await exchange.signed("GET", "/fapi/v3/account").object
        #expect(
            (account["positions"] as? [[String: Any]])?.compactMap { $0["symbol"] as? String } == [
                "SOLUSDT", "DOGEUSDT",
            ])
        let duplicateStop = try await exchange.signed(
            "POST", "/fapi/v1/algoOrder",
            [
                ("algoType", "CONDITIONAL"), ("symbol", "DOGEUSDT"), ("side", "BUY"), ("type", "STOP_MARKET"),
                ("triggerPrice", "0.21"), ("quantity", "100"), ("clientAlgoId", "doge-stop"),
            ])
        #expect(duplicateStop.code == -4116)

        _ = try await exchange.signed(
            "DELETE", "/fapi/v1/order", [("symbol", "SOLUSDT"), ("origClientOrderId", "sol-ask")])
        #expect(try await listed() == ["DOGEUSDT"])
        _ = try await exchange.signed("DELETE", "/fapi/v1/algoOrder", [("clientAlgoId", "doge-stop")])
        #expect(try await listed().isEmpty)
        let again = try await exchange.signed(
            "POST", "/fapi/v1/algoOrder",
            [
                ("algoType", "CONDITIONAL"), ("symbol", "DOGEUSDT"), ("side", "BUY"), ("type", "STOP_MARKET"),
                ("triggerPrice", "0.21"), ("quantity", "100"), ("clientAlgoId", "doge-stop"),
            ])
        #expect(again.object["algoStatus"] as? String == "NEW", "a cancelled stop's id is free: \(again.text)")
    }

    @Test func aResetForgetsTheOrdersTheirClientIDsAndTrades() async throws {
        let exchange = try await PaperExchangeProcess.launch(Self.frozen)
        defer { exchange.stop() }
        try await exchange.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])
        _ = try await Self.limit(exchange, "ETHUSDT", "BUY", "0.1", price: "2900", id: "before-reset")
        let filled = try await Self.market(exchange, "ETHUSDT", "BUY", "0.01", id: "filled-before")
        try await exchange.admin("reset")
        let gone = try await exchange.signed(
            "GET", "/fapi/v1/order", [("symbol", "ETHUSDT"), ("origClientOrderId", "filled-before")])
        #expect(gone.code == -2013)
        #expect(try await exchange.signed("GET", "/fapi/v1/userTrades", [("symbol", "ETHUSDT")]).array.isEmpty)
        #expect(try await exchange.signed("GET", "/fapi/v1/openOrders").array.isEmpty)
        let reused = try await Self.limit(exchange, "ETHUSDT", "BUY", "0.1", price: "2900", id: "before-reset")
        #expect(reused.object["status"] as? String == "NEW", "\(reused.text)")
        #expect(reused.object["orderId"] as? Int == 1, "order ids start again")
        #expect(filled.object["orderId"] as? Int == 2)
        try await exchange.admin("price", [("symbol", "ETHUSDT"), ("price", "2899")])
        let rested = try await exchange.signed("GET", "/fapi/v1/order", [("symbol", "ETHUSDT"), ("orderId", "1")])
        #expect(rested.object["status"] as? String == "FILLED")
        let trades = try await exchange.signed("GET", "/fapi/v1/userTrades", [("symbol", "ETHUSDT"), ("orderId", "1")])
            .array
        #expect(trades.count == 1 && trades.first?["maker"] as? Bool == true)
    }
}
