import Foundation
import Testing

/// Public market data of a running paperexchange, as Binance clients read it.
@Suite("paperexchange market data")
struct PaperExchangeMarketTests {
    @Test func exchangeInfoListsRealisticFiltersAndContractFields() async throws {
        let exchange = try await PaperExchangeProcess.launch()
        defer { exchange.stop() }
        let reply = try await exchange.send("GET", "/fapi/v1/exchangeInfo")
        #expect(reply.status == 200)
        let symbols = reply.object["symbols"] as? [[String: Any]] ?? []
        let names = symbols.compactMap { $0["symbol"] as? String }
        #expect(names == ["BTCUSDT", "ETHUSDT", "SOLUSDT", "ANKRUSDT", "DOGEUSDT"])
        let btc = try #require(symbols.first)
        #expect(btc["contractType"] as? String == "PERPETUAL")
        #expect(btc["status"] as? String == "TRADING")
        #expect(btc["marginAsset"] as? String == "USDT")
        #expect(btc["baseAsset"] as? String == "BTC")
        #expect(btc["quoteAsset"] as? String == "USDT")
        let orderTypes = btc["orderTypes"] as? [String] ?? []
        #expect(
            orderTypes.contains("MARKET") && orderTypes.contains("STOP_MARKET")
                && orderTypes.contains("TAKE_PROFIT_MARKET"))
        let filters = Dictionary(
            (btc["filters"] as? [[String: Any]] ?? []).map { ($0["filterType"] as? String ?? "", $0) },
            uniquingKeysWith: { a, _ in a })
        #expect(decimal(filters["LOT_SIZE"]?["stepSize"]) == Decimal(string: "0.001"))
        #expect(decimal(filters["MARKET_LOT_SIZE"]?["stepSize"]) == Decimal(string: "0.001"))
        #expect(decimal(filters["PRICE_FILTER"]?["tickSize"]) == Decimal(string: "0.1"))
        #expect(decimal(filters["MIN_NOTIONAL"]?["notional"]) == 100)
        let ankr = try #require(symbols.first { $0["symbol"] as? String == "ANKRUSDT" })
        let ankrFilters = ankr["filters"] as? [[String: Any]] ?? []
        let lot = try #require(ankrFilters.first { $0["filterType"] as? String == "LOT_SIZE" })
        #expect(decimal(lot["stepSize"]) == 1)
    }

    @Test func klinesOfferFiveHundredMinutesAtStartWithTheOpenCandleLast() async throws {
        // Frozen: at --speed 1 a loaded run's stall between the klines and the time request
        // could cross a minute, and the last candle would no longer be the open one.
        let exchange = try await PaperExchangeProcess.launch([
            "--seed", "7", "--speed", PaperExchangeProcess.frozenSpeed,
        ])
        defer { exchange.stop() }
        let reply = try await exchange.send(
            "GET", "/fapi/v1/klines", [("symbol", "ETHUSDT"), ("interval", "1m"), ("limit", "500")])
        let rows = reply.json as? [[Any]] ?? []
        #expect(rows.count == 500)
        let time = try await exchange.send("GET", "/fapi/v1/time").object["serverTime"] as? Int64 ?? 0
        let last = try #require(rows.last)
        let openTime = last[0] as? Int64 ?? 0
        let closeTime = last[6] as? Int64 ?? 0
        #expect(openTime <= time && time <= closeTime, "the last candle is the one still open")
        let opens = rows.compactMap { $0[0] as? Int64 }
        #expect(zip(opens, opens.dropFirst()).allSatisfy { $1 - $0 == 60_000 })
        for row in rows {
            let high = try #require(decimal(row[2])), low = try #require(decimal(row[3]))
            let open = try #require(decimal(row[1])), close = try #require(decimal(row[4]))
            #expect(low <= open && open <= high && low <= close && close <= high)
        }
        let hourly = try await exchange.send(
            "GET", "/fapi/v1/klines", [("symbol", "ETHUSDT"), ("interval", "1h"), ("limit", "5")])
        #expect((hourly.json as? [[Any]] ?? []).count == 5)
    }

    @Test func premiumIndexGivesTheMarkOfOneSymbolOrAll() async throws {
        let exchange = try await PaperExchangeProcess.launch()
        defer { exchange.stop() }
        let one = try await exchange.send("GET", "/fapi/v1/premiumIndex", [("symbol", "SOLUSDT")])
        #expect(one.object["symbol"] as? String == "SOLUSDT")
        #expect((decimal(one.object["markPrice"]) ?? 0) > 0)
        let all = try await exchange.send("GET", "/fapi/v1/premiumIndex")
        #expect(all.array.count == 5)
        let bad = try await exchange.send("GET", "/fapi/v1/premiumIndex", [("symbol", "NOPEUSDT")])
        #expect(bad.status == 400 && bad.code == -1121)
    }

    @Test func theSameSeedGivesTheSameHistory() async throws {
        func oldestCloses(_ seed: String) async throws -> [Decimal] {
            let exchange = try await PaperExchangeProcess.launch(["--seed", seed, "--symbols", "BTCUSDT"])
            defer { exchange.stop() }
            let rows =
                try await exchange.send(
                    "GET", "/fapi/v1/klines",
                    [("symbol", "BTCUSDT"), ("interval", "1m"), ("startTime", "0"), ("limit", "50")]
                ).json as? [[Any]] ?? []
            return rows.compactMap { decimal($0[4]) }
        }
        let a = try await oldestCloses("11"), b = try await oldestCloses("11"), c = try await oldestCloses("12")
        #expect(a.count == 50)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func aReplayedKlinesFileBecomesTheHistoryCandleForCandle() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        var rows = [
            "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore"
        ]
        var expected: [[String]] = []
        var price = 150.0
        for i in 0..<20 {
            let open = price, close = price + (i % 2 == 0 ? 1.25 : -0.75)
            let high = max(open, close) + 0.4, low = min(open, close) - 0.3
            let fields = [open, high, low, close].map { String(format: "%.2f", $0) }
            expected.append(fields)
            let t = 1_700_000_000_000 + Int64(i) * 60_000
            rows.append("\(t),\(fields.joined(separator: ",")),100,\(t + 59_999),15000,40,50,7500,0")
            price = close
        }
        try rows.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let exchange = try await PaperExchangeProcess.launch([
            "--symbols", "SOLUSDT", "--replay", "SOLUSDT=\(file.path)",
        ])
        defer { exchange.stop() }
        let klines = try await exchange.send(
            "GET", "/fapi/v1/klines", [("symbol", "SOLUSDT"), ("interval", "1m"), ("startTime", "0"), ("limit", "20")])
        let got = (klines.json as? [[Any]] ?? []).map { row in (1...4).map { row[$0] as? String ?? "" } }
        #expect(got == expected)
    }
}
