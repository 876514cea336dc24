import Foundation
import Testing

/// Decimal fields are JSON strings with each symbol's exact number of digits, rounded half away
/// from zero, in Binance's field order: what clients that compare text (or parse it with a
/// fixed scale) see.
@Suite("paperexchange decimal text")
struct PaperExchangeDecimalTextTests {
    /// The answer's text from `start` (a field) up to, not including, `end` (a later field).
    static func span(_ text: String, from start: String, to end: String) -> String? {
        guard let from = text.range(of: start), let to = text.range(of: end, range: from.upperBound..<text.endIndex)
        else {
            return nil
        }
        return String(text[from.lowerBound..<to.lowerBound])
    }

    @Test func positionsOrdersAndTradesPrintEachSymbolsScaleAndRoundHalfAwayFromZero() async throws {
        let exchange = try await PaperExchangeProcess.launch(PaperExchangeOrderTests.frozen)
        defer { exchange.stop() }
        func price(_ symbol: String, _ value: String) async throws {
            try await exchange.admin("price", [("symbol", symbol), ("price", value)])
        }
        func order(_ symbol: String, _ side: String, _ quantity: String, reduceOnly: Bool = false) async throws
            -> String
        {
            var parameters = [("symbol", symbol), ("side", side), ("type", "MARKET"), ("quantity", quantity)]
            if reduceOnly { parameters.append(("reduceOnly", "true")) }
            let reply = try await exchange.signed(
                "POST", "/fapi/v1/order", parameters + [("newOrderRespType", "RESULT")])
            #expect(reply.status == 200, "\(reply.text)")
            return reply.text
        }
        try await price("BTCUSDT", "100000")
        let first = try await order("BTCUSDT", "BUY", "0.001")
        #expect(
            Self.span(first, from: "\"status\"", to: "\"timeInForce\"")
                == #""status":"FILLED","clientOrderId":"#
                + "\"\(try #require(PaperExchangeProcess.Reply.clientID(first)))\","
                + #""price":"0.0","avgPrice":"100000.0","origQty":"0.001","executedQty":"0.001","cumQty":"0.001","#
                + #""cumQuote":"100.0000","#)
        try await price("BTCUSDT", "100000.1")
        _ = try await order("BTCUSDT", "BUY", "0.002")
        try await price("BTCUSDT", "100000.2")
        try await price("ETHUSDT", "3000")
        _ = try await order("ETHUSDT", "SELL", "0.01")
        try await price("ETHUSDT", "3000.01")
        _ = try await order("ETHUSDT", "SELL", "0.02")
        try await price("ETHUSDT", "3000.02")
        try await price("SOLUSDT", "180")
        let sol = try await order("SOLUSDT", "SELL", "5")
        #expect(
            Self.span(sol, from: "\"avgPrice\"", to: "\"timeInForce\"")
                == #""avgPrice":"180.00","origQty":"5","executedQty":"5","cumQty":"5","cumQuote":"900.00","#)
        try await price("ANKRUSDT", "0.02501")
        let ankr = try await order("ANKRUSDT", "BUY", "200")
        #expect(Self.span(ankr, from: "\"price\"", to: "\"origQty\"") == #""price":"0.00000","avgPrice":"0.02501","#)

        // An entry of 0.17001250 makes a break-even price of exactly 0.170080505: a half.
        try await price("DOGEUSDT", "0.17")
        _ = try await order("DOGEUSDT", "BUY", "30")
        try await price("DOGEUSDT", "0.17002")
        _ = try await order("DOGEUSDT", "BUY", "50")

        let rows = try await exchange.signed("GET", "/fapi/v3/positionRisk").text
        #expect(
            Self.span(rows, from: #"{"symbol":"BTCUSDT""#, to: "\"updateTime\"")
                == #"{"symbol":"BTCUSDT","positionSide":"BOTH","positionAmt":"0.003","entryPrice":"100000.06666667","#
                + #""breakEvenPrice":"100040.06669334","markPrice":"100000.20000000","unRealizedProfit":"0.00040000","#
                + #""liquidationPrice":"0","isolatedMargin":"0.00000000","notional":"300.00060000","marginAsset":"USDT","#
                + #""isolatedWallet":"0.00000000","initialMargin":"15.00003000","maintMargin":"1.20000240","#
                + #""positionInitialMargin":"15.00003000","openOrderInitialMargin":"0.00000000","adl":1,"#
                + #""bidNotional":"0.00000000","askNotional":"0.00000000","#)
        #expect(
            Self.span(rows, from: #"{"symbol":"ETHUSDT""#, to: "\"liquidationPrice\"")
                == #"{"symbol":"ETHUSDT","positionSide":"BOTH","positionAmt":"-0.030","entryPrice":"3000.00666667","#
                + #""breakEvenPrice":"2998.80666400","markPrice":"3000.02000000","unRealizedProfit":"-0.00040000","#)
        #expect(
            Self.span(rows, from: #"{"symbol":"ETHUSDT""#, to: "\"adl\"")?.contains(#""notional":"-90.00060000""#)
                == true)
        #expect(
            Self.span(rows, from: #"{"symbol":"SOLUSDT""#, to: "\"liquidationPrice\"")
                == #"{"symbol":"SOLUSDT","positionSide":"BOTH","positionAmt":"-5","entryPrice":"180.00000000","#
                + #""breakEvenPrice":"179.92800000","markPrice":"180.00000000","unRealizedProfit":"0.00000000","#)
        #expect(
            Self.span(rows, from: #"{"symbol":"ANKRUSDT""#, to: "\"unRealizedProfit\"")
                == #"{"symbol":"ANKRUSDT","positionSide":"BOTH","positionAmt":"200","entryPrice":"0.02501000","#
                + #""breakEvenPrice":"0.02502000","markPrice":"0.02501000","#)

        #expect(
            Self.span(rows, from: #"{"symbol":"DOGEUSDT""#, to: "\"unRealizedProfit\"")
                == #"{"symbol":"DOGEUSDT","positionSide":"BOTH","positionAmt":"80","entryPrice":"0.17001250","#
                + #""breakEvenPrice":"0.17008051","markPrice":"0.17002000","#)

        _ = try await order("BTCUSDT", "SELL", "0.001", reduceOnly: true)
        _ = try await order("ETHUSDT", "BUY", "0.01", reduceOnly: true)
        let btcTrades = try await exchange.signed("GET", "/fapi/v1/userTrades", [("symbol", "BTCUSDT")]).text
        #expect(btcTrades.hasPrefix(#"[{"buyer":true,"commission":"0.04000000","commissionAsset":"USDT","id":1,"#))
        #expect(
            btcTrades.contains(
                #""price":"100000.1","qty":"0.002","quoteQty":"200.00020000","realizedPnl":"0.00000000","#))
        #expect(btcTrades.contains(#""commission":"0.08000008""#))
        #expect(
            btcTrades.contains(
                #""price":"100000.2","qty":"0.001","quoteQty":"100.00020000","realizedPnl":"0.00013333","#))
        let ethTrades = try await exchange.signed("GET", "/fapi/v1/userTrades", [("symbol", "ETHUSDT")]).text
        #expect(ethTrades.contains(#""realizedPnl":"-0.00013333","side":"BUY""#), "\(ethTrades)")
        let income = try await exchange.signed("GET", "/fapi/v1/income", [("symbol", "ETHUSDT")]).text
        #expect(income.contains(#""incomeType":"REALIZED_PNL","income":"-0.00013333","#), "\(income)")
        #expect(income.contains(#""incomeType":"COMMISSION","income":"-0.02400008","#))
    }
}

extension PaperExchangeProcess.Reply {
    /// The `clientOrderId` of an order answer's text.
    static func clientID(_ text: String) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["clientOrderId"] as? String
    }
}
