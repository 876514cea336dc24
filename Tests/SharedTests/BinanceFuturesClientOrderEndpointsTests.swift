import Foundation
import Logging
import Testing

@testable import Shared

/// The wire form of the stop, cancel, income and leverage calls, against the scripted exchange.
@Suite struct BinanceFuturesClientOrderEndpointsTests {
    typealias Fixture = BinanceFuturesClientTests

    static let algo =
        #"{"algoId":7,"clientAlgoId":"stop-1","algoType":"CONDITIONAL","orderType":"STOP_MARKET","symbol":"BTCUSDT","side":"SELL","algoStatus":"NEW","triggerPrice":"58000.1","workingType":"MARK_PRICE","closePosition":true}"#

    @Test func stopCloseIsAConditionalStopMarketWithClosePositionAndNoQuantity() async throws {
        let server = try HTTPScriptedServer(
            handler: Fixture.exchange { request, _ in
                switch (request.method, request.path) {
                case ("POST", "/fapi/v1/algoOrder"): .respond(200, body: Self.algo)
                case ("GET", "/fapi/v1/openAlgoOrders"): .respond(200, body: "[\(Self.algo)]")
                case ("DELETE", "/fapi/v1/algoOrder"):
                    .respond(200, body: Self.algo.replacingOccurrences(of: #""NEW""#, with: #""CANCELED""#))
                default: .respond(404)
                }
            })
        defer { server.stop() }
        let client = BinanceFuturesClientTests().client(server)
        let stop = StopCloseOrder(
            symbol: "BTCUSDT", side: .sell, triggerPrice: DecimalText.parse("58000.1")!, clientAlgoID: "stop-1")
        let placed = try await client.placeStopClose(stop)
        #expect(placed.algoID == 7)
        #expect(placed.closePosition)
        let post = try #require(server.requests.first { $0.method == "POST" })
        #expect(post.parameter("algoType") == "CONDITIONAL")
        #expect(post.parameter("type") == "STOP_MARKET")
        #expect(post.parameter("closePosition") == "true")
        #expect(post.parameter("triggerPrice") == "58000.1")
        #expect(post.parameter("workingType") == "MARK_PRICE")
        #expect(post.parameter("clientAlgoId") == "stop-1")
        #expect(post.parameter("quantity") == nil)
        #expect(post.parameter("reduceOnly") == nil)

        #expect(try await client.openAlgoOrders(symbol: "BTCUSDT").map(\.clientAlgoID) == ["stop-1"])
        let cancelled = try await client.cancelAlgoOrder(symbol: "BTCUSDT", .clientAlgoID("stop-1"))
        #expect(cancelled.status == "CANCELED")
        #expect(server.requests.last?.parameter("clientAlgoId") == "stop-1")
    }

    @Test func cancelByClientIDUsesOrigClientOrderIdAndIsNotRetriedOnTimeoutLikeErrors() async throws {
        let server = try HTTPScriptedServer(
            handler: Fixture.exchange { request, _ in
                request.method == "DELETE" ? .respond(504, body: "gateway timeout") : .respond(404)
            })
        defer { server.stop() }
        do {
            _ = try await BinanceFuturesClientTests().client(server).cancelOrder(
                symbol: "BTCUSDT", .clientOrderID("plan-7"))
            Issue.record("expected unknown outcome")
        } catch {
            #expect(error.code == .unknownOutcome)
            #expect(error.httpStatus == 504)
        }
        let deletes = server.requests.filter { $0.method == "DELETE" }
        #expect(deletes.count == 1)
        #expect(deletes.first?.parameter("origClientOrderId") == "plan-7")
    }

    @Test func incomeHistorySendsOnlyGivenFilters() async throws {
        let server = try HTTPScriptedServer(
            handler: Fixture.exchange { _, _ in
                .respond(
                    200,
                    body:
                        #"[{"symbol":"BTCUSDT","incomeType":"FUNDING_FEE","income":"-0.12","asset":"USDT","info":"","time":5,"tranId":9,"tradeId":""}]"#
                )
            })
        defer { server.stop() }
        let rows = try await BinanceFuturesClientTests().client(server).incomeHistory(
            IncomeQuery(symbol: "BTCUSDT", incomeType: "FUNDING_FEE", limit: 100))
        #expect(rows.first?.income == DecimalText.parse("-0.12"))
        let request = try #require(server.requests.last)
        #expect(request.query.hasPrefix("symbol=BTCUSDT&incomeType=FUNDING_FEE&limit=100&recvWindow="))
        #expect(request.parameter("startTime") == nil)
    }

    @Test func leverageIsPostedAndDecoded() async throws {
        let server = try HTTPScriptedServer(
            handler: Fixture.exchange { request, _ in
                request.method == "POST"
                    ? .respond(200, body: #"{"leverage":5,"maxNotionalValue":"1000000","symbol":"BTCUSDT"}"#)
                    : .respond(404)
            })
        defer { server.stop() }
        let setting = try await BinanceFuturesClientTests().client(server).setLeverage(symbol: "BTCUSDT", leverage: 5)
        #expect(setting.leverage == 5)
        #expect(server.requests.last?.parameter("leverage") == "5")
    }

    @Test func uncachedExchangeInfoStillResolvesSymbols() async throws {
        let server = try HTTPScriptedServer(
            handler: Fixture.exchange { _, _ in
                .respond(
                    200,
                    body:
                        #"{"symbols":[{"symbol":"ETHUSDT","filters":[{"filterType":"MIN_NOTIONAL","notional":"20"}]}]}"#
                )
            })
        defer { server.stop() }
        let client = BinanceFuturesClient(
            configuration: .init(baseURL: server.url(""), exchangeInfoTTL: .zero), logger: Logger(label: "test"))
        #expect(try await client.symbolFilters("ETHUSDT").minNotional == 20)
        #expect(try await client.symbolFilters("ETHUSDT").minNotional == 20)
        #expect(server.requests.count >= 2)
    }

    @Test func invalidClientOrderIDIsRefusedBeforeSending() async throws {
        let server = try HTTPScriptedServer(handler: Fixture.exchange { _, _ in .respond(500) })
        defer { server.stop() }
        let order = NewOrder(symbol: "BTCUSDT", side: .buy, quantity: 1, clientOrderID: "has space")
        do {
            _ = try await BinanceFuturesClientTests().client(server).newOrder(order)
            Issue.record("expected a local refusal")
        } catch {
            #expect(error.code == .invalidOrder)
        }
        #expect(server.requests.isEmpty)
    }
}
