import Foundation
import Testing

/// `--state` files: one written before the account's lookups were indexed still loads whole,
/// and after a restart every order, trade and resting order is found as before it.
@Suite("paperexchange state files")
struct PaperExchangeStateTests {
    /// Frozen prices (``PaperExchangeProcess/frozenSpeed``).
    static let frozen = ["--admin", "--speed", PaperExchangeProcess.frozenSpeed, "--slippage-bps", "0"]

    static func temporaryFile() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("paper-state-\(UUID().uuidString).json").path
    }

    /// Top-level keys of a state file, and the keys of its first order.
    static func keys(ofStateFile data: Data) throws -> (top: Set<String>, order: Set<String>) {
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let orders = try #require(object["orders"] as? [[String: Any]])
        return (Set(object.keys), Set(try #require(orders.first).keys))
    }

    @Test func aStateFileWrittenBeforeTheIndexesLoadsWithItsOrdersTradesAndRestingOrders() async throws {
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data(LegacyPaperState.json.utf8).write(to: URL(fileURLWithPath: file))
        let exchange = try await PaperExchangeProcess.launch(["--state", file] + Self.frozen)
        defer { exchange.stop() }

        let eth = try await exchange.signed(
            "GET", "/fapi/v1/order", [("symbol", "ETHUSDT"), ("origClientOrderId", "legacy-open")])
        #expect(eth.object["orderId"] as? Int == 1 && eth.object["status"] as? String == "FILLED", "\(eth.text)")
        let btc = try await exchange.signed(
            "GET", "/fapi/v1/order", [("symbol", "BTCUSDT"), ("origClientOrderId", "legacy-open")])
        #expect(btc.object["orderId"] as? Int == 4)
        let close = try await exchange.signed("GET", "/fapi/v1/userTrades", [("symbol", "ETHUSDT"), ("orderId", "2")])
            .array
        #expect(
            close.count == 1 && close.first?["qty"] as? String == "0.200" && close.first?["side"] as? String == "SELL")
        let open = try await exchange.signed("GET", "/fapi/v1/openOrders").array
        #expect(open.compactMap { $0["clientOrderId"] as? String } == ["legacy-bid"])
        let duplicate = try await PaperExchangeHistoryTests.limit(
            exchange, "ETHUSDT", "BUY", "0.1", price: "2800", id: "legacy-bid")
        #expect(duplicate.code == -4116)
        let stops = try await exchange.signed("GET", "/fapi/v1/openAlgoOrders").array
        #expect(stops.compactMap { $0["clientAlgoId"] as? String } == ["legacy-stop"])
        let positions = try await exchange.signed("GET", "/fapi/v3/positionRisk").array
        #expect(positions.compactMap { $0["symbol"] as? String } == ["BTCUSDT", "ETHUSDT"])
        #expect(positions.compactMap { $0["positionAmt"] as? String } == ["0.002", "0.300"])
        let next = try await PaperExchangeHistoryTests.market(exchange, "BTCUSDT", "SELL", "0.001")
        #expect(next.object["orderId"] as? Int == 5, "order ids continue after the saved ones")

        try await exchange.admin("price", [("symbol", "ETHUSDT"), ("price", "2899")])
        let bid = try await exchange.signed(
            "GET", "/fapi/v1/order", [("symbol", "ETHUSDT"), ("origClientOrderId", "legacy-bid")])
        #expect(bid.object["status"] as? String == "FILLED", "the saved resting order still rests and fills")
        let maker = try await exchange.signed("GET", "/fapi/v1/userTrades", [("symbol", "ETHUSDT"), ("orderId", "3")])
            .array
        #expect(maker.count == 1 && maker.first?["maker"] as? Bool == true)
        try await exchange.admin("price", [("symbol", "ETHUSDT"), ("price", "2450")])
        let stop = try await exchange.signed("GET", "/fapi/v1/algoOrder", [("clientAlgoId", "legacy-stop")])
        #expect(stop.object["algoStatus"] as? String == "FINISHED", "\(stop.text)")
        let after = try await exchange.signed("GET", "/fapi/v3/positionRisk").array
        #expect(after.compactMap { $0["symbol"] as? String } == ["BTCUSDT"], "the saved stop closed ETHUSDT")
    }

    @Test func aRestartWithStateFindsEveryOrderByClientIDAndKeepsTheRestingOneOpen() async throws {
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        var ids: [String: Int] = [:]
        do {
            let first = try await PaperExchangeProcess.launch(["--state", file] + Self.frozen)
            defer { first.stop() }
            try await first.admin("price", [("symbol", "ETHUSDT"), ("price", "3000")])
            for i in 0..<30 {
                let reply = try await PaperExchangeHistoryTests.market(
                    first, "ETHUSDT", i % 2 == 0 ? "BUY" : "SELL", "0.01", id: "s-\(i)")
                ids["s-\(i)"] = try #require(reply.object["orderId"] as? Int, "\(reply.text)")
            }
            let resting = try await PaperExchangeHistoryTests.limit(
                first, "ETHUSDT", "BUY", "0.1", price: "2900", id: "keep-resting")
            ids["keep-resting"] = try #require(resting.object["orderId"] as? Int)
        }
        let saved = try Self.keys(ofStateFile: Data(contentsOf: URL(fileURLWithPath: file)))
        let legacy = try Self.keys(ofStateFile: Data(LegacyPaperState.json.utf8))
        #expect(saved.top == legacy.top, "the file keeps its format (the lookups are not saved)")
        #expect(saved.order == legacy.order)

        let second = try await PaperExchangeProcess.launch(["--state", file] + Self.frozen)
        defer { second.stop() }
        for id in ["s-0", "s-17", "s-29"] {
            let order = try await second.signed(
                "GET", "/fapi/v1/order", [("symbol", "ETHUSDT"), ("origClientOrderId", id)])
            #expect(order.object["orderId"] as? Int == ids[id], "\(id): \(order.text)")
        }
        let trades = try await second.signed(
            "GET", "/fapi/v1/userTrades", [("symbol", "ETHUSDT"), ("orderId", "\(ids["s-17"]!)")]
        ).array
        #expect(trades.count == 1 && trades.first?["side"] as? String == "SELL")
        let open = try await second.signed("GET", "/fapi/v1/openOrders", [("symbol", "ETHUSDT")]).array
        #expect(open.compactMap { $0["orderId"] as? Int } == [ids["keep-resting"]!])
        let duplicate = try await PaperExchangeHistoryTests.limit(
            second, "ETHUSDT", "BUY", "0.1", price: "2800", id: "keep-resting")
        #expect(duplicate.code == -4116)
        try await second.admin("price", [("symbol", "ETHUSDT"), ("price", "2899")])
        let filled = try await second.signed(
            "GET", "/fapi/v1/order", [("symbol", "ETHUSDT"), ("origClientOrderId", "keep-resting")])
        #expect(filled.object["status"] as? String == "FILLED")
        let free = try await PaperExchangeHistoryTests.limit(
            second, "ETHUSDT", "BUY", "0.1", price: "2800", id: "keep-resting")
        #expect(free.object["status"] as? String == "NEW", "filled, its id is free: \(free.text)")
    }

    /// The client order ids the state file holds now.
    static func savedClientIDs(_ file: String) throws -> Set<String> {
        guard let data = FileManager.default.contents(atPath: file) else { return [] }
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let orders = object["orders"] as? [[String: Any]] ?? []
        return Set(orders.compactMap { $0["clientOrderId"] as? String })
    }

    @Test func writesAreSpacedByTheIntervalAndSigtermWritesWhatIsLeft() async throws {
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        // An interval no test run outlasts: after the first write, nothing more until SIGTERM.
        let exchange = try await PaperExchangeProcess.launch(
            ["--state", file, "--state-interval-ms", "3600000"] + Self.frozen)
        _ = try await PaperExchangeHistoryTests.market(exchange, "ETHUSDT", "BUY", "0.01", id: "first-write")
        _ = try await PaperExchangeHistoryTests.market(exchange, "ETHUSDT", "BUY", "0.01", id: "inside-interval")
        let running = try Self.savedClientIDs(file)
        #expect(!running.contains("inside-interval"), "not written again inside the interval")
        #expect(exchange.stop() == 0)
        let stopped = try Self.savedClientIDs(file)
        #expect(stopped.isSuperset(of: ["first-write", "inside-interval"]), "SIGTERM writes everything: \(stopped)")
    }

    @Test func anIntervalOfZeroWritesAfterEveryOrder() async throws {
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let exchange = try await PaperExchangeProcess.launch(
            ["--state", file, "--state-interval-ms", "0"] + Self.frozen)
        defer { exchange.stop() }
        for id in ["w-1", "w-2", "w-3"] {
            _ = try await PaperExchangeHistoryTests.market(exchange, "ETHUSDT", "BUY", "0.01", id: id)
            #expect(try Self.savedClientIDs(file).contains(id), "\(id) on disk when its answer arrives")
        }
    }
}
