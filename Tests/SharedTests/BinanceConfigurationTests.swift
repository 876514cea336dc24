import Logging
import Testing

@testable import Shared

/// Reading ``BinanceFuturesClient/Configuration`` from the environment.
@Suite struct BinanceConfigurationTests {
    @Test func defaultsToPaperOnLoopback() throws {
        let configuration = try BinanceFuturesClient.Configuration(environment: [:])
        #expect(configuration.mode == .paper)
        #expect(configuration.baseURL == "http://127.0.0.1:8089")
        #expect(configuration.recvWindow == 5000)
        #expect(configuration.sendsOrders)
    }

    @Test(arguments: [
        ("testnet", "https://testnet.binancefuture.com"), ("live", "https://fapi.binance.com"),
        ("paper", "http://127.0.0.1:8089"), ("dry_run", "https://testnet.binancefuture.com"),
    ])
    func modeChoosesBaseURL(mode: String, url: String) throws {
        let configuration = try BinanceFuturesClient.Configuration(
            environment: ["EXCHANGE_MODE": mode, "BINANCE_API_KEY": "k", "BINANCE_API_SECRET": "s"])
        #expect(configuration.baseURL == url)
        #expect(configuration.sendsOrders == (mode != "dry_run"))
    }

    @Test func baseURLOverrideWinsAndLosesTrailingSlash() throws {
        let configuration = try BinanceFuturesClient.Configuration(
            environment: ["BINANCE_BASE_URL": "http://127.0.0.1:9999/", "BINANCE_RECV_WINDOW": "10000"], mode: .paper)
        #expect(configuration.baseURL == "http://127.0.0.1:9999")
        #expect(configuration.recvWindow == 10000)
    }

    @Test func testnetKeysAreAcceptedAsFallback() throws {
        let configuration = try BinanceFuturesClient.Configuration(
            environment: ["BINANCE_TESTNET_API_KEY": "tk", "BINANCE_TESTNET_API_SECRET": "ts"], mode: .testnet)
        #expect(configuration.apiKey == "tk")
        #expect(configuration.apiSecret.withValue { $0 } == "ts")
    }

    @Test func liveWithoutKeysIsRefused() {
        #expect(throws: ExchangeError.self) { try BinanceFuturesClient.Configuration(environment: [:], mode: .live) }
    }

    @Test(arguments: [["BINANCE_RECV_WINDOW": "abc"], ["BINANCE_RECV_WINDOW": "70000"], ["EXCHANGE_MODE": "yolo"]])
    func malformedValuesAreRefusedWithoutEchoingSecrets(environment: [String: String]) {
        var env = environment
        env["BINANCE_API_SECRET"] = "very-secret-value"
        do {
            _ = try BinanceFuturesClient.Configuration(environment: env)
            Issue.record("expected a configuration error")
        } catch {
            #expect(error.code == .configuration)
            #expect(!error.description.contains("very-secret-value"))
        }
    }

    @Test func dryRunRefusesStateChangingCallsBeforeAnyIO() async {
        // Port 9 on loopback has no listener; a request would fail with a transport error instead.
        let configuration = BinanceFuturesClient.Configuration(
            mode: .dryRun, baseURL: "http://127.0.0.1:9", maxAttempts: 1)
        let client = BinanceFuturesClient(configuration: configuration, logger: Logger(label: "test"))
        let order = NewOrder(symbol: "BTCUSDT", side: .sell, quantity: 1, reduceOnly: true, clientOrderID: "plan-1")
        do {
            _ = try await client.newOrder(order)
            Issue.record("dry_run must not send")
        } catch {
            #expect(error.code == .dryRun)
        }
        do {
            _ = try await client.placeStopClose(
                StopCloseOrder(symbol: "BTCUSDT", side: .sell, triggerPrice: 1, clientAlgoID: "s-1"))
            Issue.record("dry_run must not send")
        } catch {
            #expect(error.code == .dryRun)
        }
    }
}
