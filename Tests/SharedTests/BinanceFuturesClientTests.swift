import Foundation
import Logging
import Testing

@testable import Shared

/// ``BinanceFuturesClient`` end to end over HTTP against a scripted loopback server that checks
/// signatures like Binance: signing, clock sync, retries and exactly-once order placement.
@Suite struct BinanceFuturesClientTests {
    static let secret = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9"
    static let key = "dbefbc809e3e83c283a984c3a1459732ea7db1360ca80c5c2c8867408d28cc83"
    /// The scripted exchange's clock runs 100 s ahead of ours.
    static let skew: Int64 = 100_000

    static func serverNow() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) + skew }

    func client(_ server: HTTPScriptedServer) -> BinanceFuturesClient {
        BinanceFuturesClient(
            configuration: .init(
                mode: .paper, baseURL: server.url(""), apiKey: Self.key, apiSecret: APISecret(Self.secret),
                requestTimeout: .seconds(15), initialBackoff: .milliseconds(10), maxRetryAfter: .seconds(1)),
            logger: Logger(label: "test"))
    }

    /// Routes `/fapi/v1/time` and verifies key, timestamp and signature like Binance before `route`.
    static func exchange(_ route: @escaping @Sendable (HTTPScriptedServer.Request, Int) -> HTTPScriptedServer.Step)
        -> @Sendable (HTTPScriptedServer.Request, Int) -> HTTPScriptedServer.Step
    {
        { request, index in
            if request.path == "/fapi/v1/time" { return .respond(200, body: #"{"serverTime":\#(serverNow())}"#) }
            if let range = request.query.range(of: "&signature=") {
                let signed = String(request.query[..<range.lowerBound])
                let signature = String(request.query[range.upperBound...])
                guard request.headers["x-mbx-apikey"] == key else {
                    return .respond(
                        401, body: #"{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}"#)
                }
                guard Digest.constantTimeEquals(Digest.hmacSHA256Hex(key: secret, message: signed), signature) else {
                    return .respond(400, body: #"{"code":-1022,"msg":"Signature for this request is not valid."}"#)
                }
                let timestamp = Int64(request.parameter("timestamp") ?? "") ?? 0
                let window = Int64(request.parameter("recvWindow") ?? "5000") ?? 5000
                let now = serverNow()
                guard timestamp < now + 1000, now - timestamp <= window else {
                    return .respond(
                        400, body: #"{"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}"#)
                }
            }
            return route(request, index)
        }
    }

    static func order(status: String, executed: String, id: String = "plan-7") -> String {
        #"{"orderId":42,"clientOrderId":"\#(id)","symbol":"BTCUSDT","side":"SELL","type":"MARKET","status":"\#(status)","origQty":"0.010","executedQty":"\#(executed)","price":"0","avgPrice":"60000","reduceOnly":true,"positionSide":"BOTH","updateTime":1}"#
    }

    static let trades =
        #"[{"id":1,"orderId":42,"symbol":"BTCUSDT","side":"SELL","price":"60000","qty":"0.004","quoteQty":"240","realizedPnl":"4","commission":"0.096","commissionAsset":"USDT","maker":false,"time":1},{"id":2,"orderId":42,"symbol":"BTCUSDT","side":"SELL","price":"60010","qty":"0.006","quoteQty":"360.06","realizedPnl":"6.06","commission":"0.144024","commissionAsset":"USDT","maker":false,"time":2}]"#

    let closeOrder = NewOrder(
        symbol: "BTCUSDT", side: .sell, quantity: DecimalText.parse("0.010")!, reduceOnly: true, clientOrderID: "plan-7"
    )

    @Test func signedReadCarriesKeyAndServerAlignedTimestamp() async throws {
        let server = try HTTPScriptedServer(
            handler: Self.exchange { _, _ in
                .respond(
                    200, headers: ["X-MBX-USED-WEIGHT-1M": "5"],
                    body:
                        #"[{"symbol":"BTCUSDT","positionSide":"BOTH","positionAmt":"-0.250","entryPrice":"60000","markPrice":"59000","unRealizedProfit":"250"}]"#
                )
            })
        defer { server.stop() }
        let positions = try await client(server).positions(symbol: "BTCUSDT")
        #expect(positions.first?.positionAmount == DecimalText.parse("-0.25"))
        let read = try #require(server.requests.last)
        #expect(read.path == "/fapi/v3/positionRisk")
        #expect(read.parameter("recvWindow") == "5000")
        #expect(read.query.hasPrefix("symbol=BTCUSDT&recvWindow=5000&timestamp="))
        // One clock sync and no -1021 retry: the first timestamp already used the server offset.
        #expect(server.requests.filter { $0.path == "/fapi/v1/time" }.count == 1)
        #expect(server.requests.filter { $0.path == "/fapi/v3/positionRisk" }.count == 1)
    }

    @Test func newOrderSendsResultTypeAndClientIDAndConfirmsFillsFromTrades() async throws {
        let server = try HTTPScriptedServer(
            handler: Self.exchange { request, _ in
                switch request.path {
                case "/fapi/v1/order": .respond(200, body: Self.order(status: "FILLED", executed: "0.010"))
                case "/fapi/v1/userTrades": .respond(200, body: Self.trades)
                default: .respond(404)
                }
            })
        defer { server.stop() }
        let placed = try await client(server).placeOrderIdempotent(closeOrder)
        #expect(placed.origin == .placed)
        #expect(placed.fills.quantity == DecimalText.parse("0.01"))
        #expect(placed.fills.averagePrice == 60006)
        #expect(placed.fills.realizedPnl == DecimalText.parse("10.06"))
        #expect(placed.fills.commission == DecimalText.parse("0.240024"))
        let post = try #require(server.requests.first { $0.method == "POST" })
        #expect(post.parameter("newOrderRespType") == "RESULT")
        #expect(post.parameter("newClientOrderId") == "plan-7")
        #expect(post.parameter("reduceOnly") == "true")
        #expect(post.parameter("quantity") == "0.01")
        #expect(server.requests.first { $0.path == "/fapi/v1/userTrades" }?.parameter("orderId") == "42")
    }

    @Test func lostOrderResponseIsFoundByClientIDAndNotResent() async throws {
        let server = try HTTPScriptedServer(
            handler: Self.exchange { request, _ in
                switch (request.method, request.path) {
                case ("POST", "/fapi/v1/order"): .close
                case ("GET", "/fapi/v1/order"):
                    request.parameter("origClientOrderId") == "plan-7"
                        ? .respond(200, body: Self.order(status: "FILLED", executed: "0.010"))
                        : .respond(400, body: #"{"code":-2013,"msg":"Order does not exist."}"#)
                case ("GET", "/fapi/v1/userTrades"): .respond(200, body: Self.trades)
                default: .respond(404)
                }
            })
        defer { server.stop() }
        let placed = try await client(server).placeOrderIdempotent(closeOrder, lookupDelay: .milliseconds(10))
        #expect(placed.origin == .recovered)
        #expect(placed.order.orderID == 42)
        #expect(placed.fills.quantity == DecimalText.parse("0.01"))
        #expect(server.requests.filter { $0.method == "POST" }.count == 1)
    }

    @Test func unfoundOrderAfterServerErrorStaysUnknownAndIsNeverResent() async throws {
        let server = try HTTPScriptedServer(
            handler: Self.exchange { request, _ in
                request.method == "POST"
                    ? .respond(
                        503,
                        body: #"{"code":-1000,"msg":"Unknown error, please check your request or try again later."}"#)
                    : .respond(400, body: #"{"code":-2013,"msg":"Order does not exist."}"#)
            })
        defer { server.stop() }
        do {
            _ = try await client(server).placeOrderIdempotent(closeOrder, lookups: 3, lookupDelay: .milliseconds(10))
            Issue.record("expected unknown outcome")
        } catch {
            #expect(error.code == .unknownOutcome)
        }
        #expect(server.requests.filter { $0.method == "POST" }.count == 1)
        #expect(server.requests.filter { $0.method == "GET" && $0.path == "/fapi/v1/order" }.count == 3)
    }

    @Test func duplicateClientIDReturnsTheOpenOrder() async throws {
        let server = try HTTPScriptedServer(
            handler: Self.exchange { request, _ in
                request.method == "POST"
                    ? .respond(400, body: #"{"code":-4116,"msg":"ClientOrderId is duplicated."}"#)
                    : .respond(200, body: Self.order(status: "NEW", executed: "0"))
            })
        defer { server.stop() }
        let placed = try await client(server).placeOrderIdempotent(closeOrder, lookupDelay: .milliseconds(10))
        #expect(placed.origin == .recovered)
        #expect(placed.order.status == .new)
        #expect(placed.fills.quantity == 0)
        #expect(!server.requests.contains { $0.path == "/fapi/v1/userTrades" })
    }

    @Test func redeliveredPlanLooksUpBeforeSending() async throws {
        let server = try HTTPScriptedServer(
            handler: Self.exchange { request, _ in
                switch (request.method, request.path) {
                case ("GET", "/fapi/v1/order"): .respond(200, body: Self.order(status: "FILLED", executed: "0.010"))
                case ("GET", "/fapi/v1/userTrades"): .respond(200, body: Self.trades)
                default: .respond(500)
                }
            })
        defer { server.stop() }
        let placed = try await client(server).placeOrderIdempotent(closeOrder, lookUpFirst: true)
        #expect(placed.origin == .recovered)
        #expect(!server.requests.contains { $0.method == "POST" })
    }

    @Test func wrongSecretIsRejectedWithInvalidSignature() async throws {
        let server = try HTTPScriptedServer(handler: Self.exchange { _, _ in .respond(200, body: "[]") })
        defer { server.stop() }
        let wrong = BinanceFuturesClient(
            configuration: .init(baseURL: server.url(""), apiKey: Self.key, apiSecret: APISecret("not-the-secret")),
            logger: Logger(label: "test"))
        do {
            _ = try await wrong.balances()
            Issue.record("expected -1022")
        } catch {
            #expect(error.isBinance(-1022))
            #expect(error.httpStatus == 400)
            #expect(!error.description.contains("not-the-secret"))
        }
    }

    @Test func timestampRejectionResyncsTheClockOnce() async throws {
        let server = try HTTPScriptedServer(
            handler: Self.exchange { _, _ in
                .respond(400, body: #"{"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}"#)
            })
        defer { server.stop() }
        do {
            _ = try await client(server).balances()
            Issue.record("expected -1021")
        } catch {
            #expect(error.isBinance(-1021))
        }
        #expect(server.requests.filter { $0.path == "/fapi/v3/balance" }.count == 2)
        #expect(server.requests.filter { $0.path == "/fapi/v1/time" }.count == 2)
    }

    @Test func rateLimitedReadIsRetriedAfterRetryAfter() async throws {
        let server = try HTTPScriptedServer(
            handler: Self.exchange { _, index in
                index < 2
                    ? .respond(429, headers: ["Retry-After": "0"], body: #"{"code":-1003,"msg":"Too many requests."}"#)
                    : .respond(200, body: #"{"symbol":"BTCUSDT","markPrice":"60000.5","time":1}"#)
            })
        defer { server.stop() }
        let mark = try await client(server).markPrice(symbol: "BTCUSDT")
        #expect(mark.markPrice == DecimalText.parse("60000.5"))
        #expect(server.requests.count == 3)
    }

    @Test func exchangeInfoIsCached() async throws {
        let server = try HTTPScriptedServer(
            handler: Self.exchange { _, _ in
                .respond(
                    200,
                    body:
                        #"{"symbols":[{"symbol":"BTCUSDT","status":"TRADING","filters":[{"filterType":"LOT_SIZE","minQty":"0.001","maxQty":"1000","stepSize":"0.001"}]}]}"#
                )
            })
        defer { server.stop() }
        let exchange = client(server)
        let first = try await exchange.symbolFilters("BTCUSDT")
        let second = try await exchange.symbolFilters("BTCUSDT")
        #expect(first == second)
        #expect(first.lotSize?.stepSize == DecimalText.parse("0.001"))
        #expect(server.requests.count == 1)
        do {
            _ = try await exchange.symbolFilters("NOPEUSDT")
            Issue.record("expected -1121")
        } catch {
            #expect(error.isBinance(-1121))
        }
    }

    @Test func garbledAnswerToAnAcceptedOrderIsRecoveredNotResent() async throws {
        let server = try HTTPScriptedServer(
            handler: Self.exchange { request, _ in
                switch (request.method, request.path) {
                case ("POST", "/fapi/v1/order"): .respond(200, body: #"{"orderId":42,"status":"FILL"#)
                case ("GET", "/fapi/v1/order"): .respond(200, body: Self.order(status: "FILLED", executed: "0.010"))
                case ("GET", "/fapi/v1/userTrades"): .respond(200, body: Self.trades)
                default: .respond(404)
                }
            })
        defer { server.stop() }
        let placed = try await client(server).placeOrderIdempotent(closeOrder, lookupDelay: .milliseconds(10))
        #expect(placed.origin == .recovered)
        #expect(server.requests.filter { $0.method == "POST" }.count == 1)
    }
}
