import Foundation
import Testing

@testable import Shared

/// Parsing Binance's JSON: numbers kept exact, decimals from strings, models from sample bodies.
@Suite struct BinanceJSONTests {
    static func d(_ text: String) -> Decimal { DecimalText.parse(text)! }

    @Test func bigIntegersAndDecimalNumbersStayExact() throws {
        let json = try BinanceJSON.parse(
            #"{"orderId": 9007199254740993, "x": 0.1, "neg": -12.50e1, "s": "0.30000000"}"#)
        #expect(json["orderId"]?.int64 == 9_007_199_254_740_993)
        #expect(json["x"]?.decimal == Self.d("0.1"))
        #expect(json["neg"]?.decimal == Self.d("-125"))
        #expect(json["s"]?.decimal == Self.d("0.3"))
        #expect(json["x"]?.int64 == nil)
    }

    @Test func stringsUnescape() throws {
        let json = try BinanceJSON.parse(#"{"msg": "a\"b\\c\/d\n\u00e9\ud83d\ude00"}"#)
        #expect(json["msg"]?.stringValue == "a\"b\\c/d\né😀")
    }

    @Test(arguments: ["", "{", #"{"a":}"#, "[1,]", "01", "1.", #"{"a":1} x"#, "tru", #""abc"#])
    func malformedJSONIsADecodingError(text: String) {
        #expect(throws: ExchangeError.self) { try BinanceJSON.parse(text) }
    }

    @Test func orderResultDecodes() throws {
        let body = #"""
            {"clientOrderId":"plan:BTCUSDT:1","cumQty":"0.010","cumQuote":"600.12000","executedQty":"0.010",
             "orderId":4611875134427365377,"avgPrice":"60012.00000","origQty":"0.010","price":"0","reduceOnly":true,
             "side":"SELL","positionSide":"BOTH","status":"FILLED","stopPrice":"0","closePosition":false,
             "symbol":"BTCUSDT","timeInForce":"GTC","type":"MARKET","origType":"MARKET","updateTime":1700000000123,
             "workingType":"CONTRACT_PRICE","priceProtect":false,"priceMatch":"NONE","selfTradePreventionMode":"NONE","goodTillDate":0}
            """#
        let order = try ExchangeOrder(binance: try BinanceJSON.parse(body))
        #expect(order.orderID == 4_611_875_134_427_365_377)
        #expect(order.clientOrderID == "plan:BTCUSDT:1")
        #expect(order.side == .sell)
        #expect(order.status == .filled)
        #expect(order.status.isFinal)
        #expect(order.executedQuantity == Self.d("0.01"))
        #expect(order.averagePrice == Self.d("60012"))
        #expect(order.reduceOnly)
        #expect(order.updateTime == 1_700_000_000_123)
    }

    @Test func orderWithoutAvgPriceOrCumQuoteDecodes() throws {
        let body =
            #"{"clientOrderId":"x","executedQty":"0","orderId":1,"origQty":"1.5","price":"0","side":"BUY","status":"NEW","symbol":"ETHUSDT","type":"MARKET","time":5}"#
        let order = try ExchangeOrder(binance: try BinanceJSON.parse(body))
        #expect(order.averagePrice == nil)
        #expect(order.cumulativeQuote == nil)
        #expect(order.status == .new)
        #expect(!order.status.isFinal)
        #expect(order.updateTime == 5)
    }

    @Test func orderWithMissingQuantityIsRejected() {
        let body =
            #"{"clientOrderId":"x","executedQty":"0","orderId":1,"side":"BUY","status":"NEW","symbol":"ETHUSDT","type":"MARKET"}"#
        #expect(throws: ExchangeError.self) { try ExchangeOrder(binance: try BinanceJSON.parse(body)) }
    }

    @Test func positionRiskV3HedgeRowsDecodeSigned() throws {
        let body = #"""
            [{"symbol":"ADAUSDT","positionSide":"LONG","positionAmt":"30","entryPrice":"0.385","breakEvenPrice":"0.385077",
              "markPrice":"0.41047590","unRealizedProfit":"0.76427700","liquidationPrice":"0","isolatedMargin":"0",
              "notional":"12.31427700","marginAsset":"USDT","isolatedWallet":"0","initialMargin":"0.61571385",
              "maintMargin":"0.08004280","adl":2,"bidNotional":"0","askNotional":"0","updateTime":1720736417660},
             {"symbol":"COMPUSDT","positionSide":"SHORT","positionAmt":"-1.000","entryPrice":"70.92841",
              "markPrice":"49.72023376","unRealizedProfit":"21.20817624","liquidationPrice":"2260.56757210",
              "notional":"-49.72023376","updateTime":1708943511656}]
            """#
        let rows = try BinanceJSON.parse(body).elements().map { row throws(ExchangeError) in
            try PositionRisk(binance: row)
        }
        #expect(rows.count == 2)
        #expect(rows[0].positionAmount == 30)
        #expect(rows[0].closingSide == .sell)
        #expect(rows[0].unrealizedProfit == Self.d("0.764277"))
        #expect(rows[0].leverage == nil)
        #expect(rows[1].positionAmount == -1)
        #expect(rows[1].closingSide == .buy)
        #expect(rows[1].positionSide == "SHORT")
    }

    @Test func positionRiskV2RowKeepsLeverage() throws {
        let body =
            #"{"symbol":"BTCUSDT","positionAmt":"0.000","entryPrice":"0.0","markPrice":"6679.5","leverage":"10","marginType":"cross","positionSide":"BOTH","updateTime":0}"#
        let row = try PositionRisk(binance: try BinanceJSON.parse(body))
        #expect(row.leverage == 10)
        #expect(row.marginType == "cross")
        #expect(row.closingSide == nil)
    }

    @Test func exchangeInfoFiltersDecodeAndUnknownFiltersAreIgnored() throws {
        let body = #"""
            {"timezone":"UTC","serverTime":1565613908500,
             "rateLimits":[{"interval":"MINUTE","intervalNum":1,"limit":2400,"rateLimitType":"REQUEST_WEIGHT"},
                           {"interval":"MINUTE","intervalNum":1,"limit":1200,"rateLimitType":"ORDERS"},
                           {"interval":"SECOND","intervalNum":10,"limit":300,"rateLimitType":"ORDERS"}],
             "symbols":[{"symbol":"BTCUSDT","pair":"BTCUSDT","contractType":"PERPETUAL","status":"TRADING",
               "baseAsset":"BTC","quoteAsset":"USDT","pricePrecision":2,"quantityPrecision":3,
               "filters":[{"filterType":"PRICE_FILTER","maxPrice":"809484","minPrice":"261.10","tickSize":"0.10"},
                          {"filterType":"LOT_SIZE","maxQty":"1000","minQty":"0.001","stepSize":"0.001"},
                          {"filterType":"MARKET_LOT_SIZE","maxQty":"120","minQty":"0.001","stepSize":"0.001"},
                          {"filterType":"MAX_NUM_ORDERS","limit":200},
                          {"filterType":"MIN_NOTIONAL","notional":"100"},
                          {"filterType":"PERCENT_PRICE","multiplierUp":"1.0500","multiplierDown":"0.9500","multiplierDecimal":"4"},
                          {"filterType":"SOMETHING_NEW","x":"y"}]},
               {"symbol":"ANKRUSDT","status":"TRADING","baseAsset":"ANKR","quoteAsset":"USDT",
                "filters":[{"filterType":"LOT_SIZE","maxQty":"5000000","minQty":"1","stepSize":"1"},
                           {"filterType":"MIN_NOTIONAL","notional":"5"}]}]}
            """#
        let info = try ExchangeInfo(binance: try BinanceJSON.parse(body))
        #expect(info.requestWeightPerMinute == 2400)
        #expect(info.ordersPerMinute == 1200)
        let btc = try #require(info.symbols["BTCUSDT"])
        #expect(btc.lotSize?.stepSize == Self.d("0.001"))
        #expect(btc.marketLotSize?.maxQuantity == 120)
        #expect(btc.priceFilter?.tickSize == Self.d("0.1"))
        #expect(btc.minNotional == 100)
        #expect(btc.baseAsset == "BTC")
        let ankr = try #require(info.symbols["ANKRUSDT"])
        #expect(ankr.marketLotSize == nil)
        #expect(ankr.lot(for: .market)?.stepSize == 1)
    }

    @Test func userTradesSumIntoFills() throws {
        let body = #"""
            [{"buyer":false,"commission":"0.02400000","commissionAsset":"USDT","id":698759,"maker":false,"orderId":25851813,
              "price":"60000","qty":"0.002","quoteQty":"120","realizedPnl":"2.00000000","side":"SELL","positionSide":"BOTH",
              "symbol":"BTCUSDT","time":1569514978020},
             {"buyer":false,"commission":"0.03600600","commissionAsset":"USDT","id":698760,"maker":false,"orderId":25851813,
              "price":"60010","qty":"0.003","quoteQty":"180.03","realizedPnl":"3.03000000","side":"SELL","positionSide":"BOTH",
              "symbol":"BTCUSDT","time":1569514978021}]
            """#
        let trades = try BinanceJSON.parse(body).elements().map { row throws(ExchangeError) in
            try UserTrade(binance: row)
        }
        let fills = OrderFills(trades: trades)
        #expect(fills.quantity == Self.d("0.005"))
        #expect(fills.averagePrice == Self.d("60006"))
        #expect(fills.realizedPnl == Self.d("5.03"))
        #expect(fills.commission == Self.d("0.060006"))
        #expect(fills.commissionAsset == "USDT")
        #expect(fills.tradeIDs == [698_759, 698_760])
    }

    @Test func fillsOfNoTradesAreZero() {
        let fills = OrderFills(trades: [])
        #expect(fills.quantity == 0)
        #expect(fills.averagePrice == 0)
        #expect(fills.commissionAsset == "")
    }

    @Test func klineRowDecodes() throws {
        let body =
            #"[[1499040000000,"0.01634790","0.80000000","0.01575800","0.01577100","148976.11427815",1499644799999,"2434.19055334",308,"1756.87402397","28.46694368","0"]]"#
        let rows = try BinanceJSON.parse(body).elements()
        let kline = try Kline(binance: rows[0])
        #expect(kline.openTime == 1_499_040_000_000)
        #expect(kline.close == Self.d("0.015771"))
        #expect(kline.tradeCount == 308)
        #expect(kline.closeTime == 1_499_644_799_999)
    }

    @Test func markPriceIncomeAlgoLeverageAndBalanceDecode() throws {
        let mark = try MarkPrice(
            binance: try BinanceJSON.parse(
                #"{"symbol":"BTCUSDT","markPrice":"11793.63104562","indexPrice":"11781.80495970","estimatedSettlePrice":"11781.16138815","lastFundingRate":"0.00038246","interestRate":"0.00010000","nextFundingTime":1597392000000,"time":1597370495002}"#
            ))
        #expect(mark.markPrice == Self.d("11793.63104562"))
        #expect(mark.nextFundingTime == 1_597_392_000_000)

        let income = try IncomeRecord(
            binance: try BinanceJSON.parse(
                #"{"symbol":"BTCUSDT","incomeType":"COMMISSION","income":"-0.01000000","asset":"USDT","info":"COMMISSION","time":1570636800000,"tranId":9689322392,"tradeId":"2059192"}"#
            ))
        #expect(income.income == Self.d("-0.01"))
        #expect(income.transactionID == 9_689_322_392)
        #expect(income.tradeID == "2059192")

        let algo = try AlgoOrder(
            binance: try BinanceJSON.parse(
                #"{"algoId":2146760,"clientAlgoId":"stop:BTCUSDT:1","algoType":"CONDITIONAL","orderType":"STOP_MARKET","symbol":"BTCUSDT","side":"SELL","positionSide":"BOTH","timeInForce":"GTC","quantity":"0.0","algoStatus":"NEW","triggerPrice":"58000.00","price":"0.00","workingType":"MARK_PRICE","closePosition":true,"reduceOnly":false,"createTime":1750485492076,"updateTime":1750485492076}"#
            ))
        #expect(algo.algoID == 2_146_760)
        #expect(algo.triggerPrice == 58000)
        #expect(algo.closePosition)
        #expect(algo.status == "NEW")

        let leverage = try LeverageSetting(
            binance: try BinanceJSON.parse(#"{"leverage":21,"maxNotionalValue":"1000000","symbol":"BTCUSDT"}"#))
        #expect(leverage.leverage == 21)

        let balance = try AssetBalance(
            binance: try BinanceJSON.parse(
                #"{"accountAlias":"SgsR","asset":"USDT","balance":"122607.35137903","crossWalletBalance":"23.72469206","crossUnPnl":"0.00000000","availableBalance":"23.72469206","maxWithdrawAmount":"23.72469206","marginAvailable":true,"updateTime":1617939110373}"#
            ))
        #expect(balance.balance == Self.d("122607.35137903"))
        #expect(balance.availableBalance == Self.d("23.72469206"))
    }
}
