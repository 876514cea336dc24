import Foundation
import Logging
import Metrics
import Testing

@testable import Shared

/// Request counters, retries and the rate-limit gauges, recorded through an injected factory.
@Suite struct ExchangeMetricsTests {
    @Test func rateLimitHeadersRequestsAndRetriesAreRecorded() async throws {
        let server = try HTTPScriptedServer(
            handler: BinanceFuturesClientTests.exchange { request, index in
                if request.path == "/fapi/v1/premiumIndex", index == 0 {
                    return .respond(
                        429, headers: ["Retry-After": "0"], body: #"{"code":-1003,"msg":"Too many requests."}"#)
                }
                return .respond(
                    200, headers: ["X-MBX-USED-WEIGHT-1M": "37", "X-MBX-ORDER-COUNT-1M": "4"],
                    body: #"{"symbol":"BTCUSDT","markPrice":"1.5"}"#)
            })
        defer { server.stop() }
        let factory = RecordingMetricsFactory()
        let client = BinanceFuturesClient(
            configuration: .init(
                baseURL: server.url(""), apiSecret: APISecret("metrics-secret"), initialBackoff: .milliseconds(5)),
            logger: Logger(label: "test"), metricsFactory: factory)
        _ = try await client.markPrice(symbol: "BTCUSDT")

        #expect(factory.value("exchange_used_weight_1m") == 37)
        #expect(factory.value("exchange_order_count_1m") == 4)
        #expect(
            factory.value("exchange_requests_total", ["endpoint": "GET /fapi/v1/premiumIndex", "status": "429"]) == 1)
        #expect(
            factory.value("exchange_requests_total", ["endpoint": "GET /fapi/v1/premiumIndex", "status": "2xx"]) == 1)
        #expect(
            factory.value("exchange_retries_total", ["endpoint": "GET /fapi/v1/premiumIndex", "reason": "rate_limit"])
                == 1)
        #expect(!factory.allLabelsAndDimensions.contains("metrics-secret"))
    }
}

/// A metrics backend that keeps the last value of every counter and recorder, for assertions.
final class RecordingMetricsFactory: MetricsFactory, @unchecked Sendable {
    final class Handler: CounterHandler, RecorderHandler, TimerHandler, @unchecked Sendable {
        private let lock = NSLock()
        private var current: Int64 = 0
        var value: Int64 { lock.withLock { current } }
        func increment(by amount: Int64) { lock.withLock { current += amount } }
        func reset() { lock.withLock { current = 0 } }
        func record(_ value: Int64) { lock.withLock { current = value } }
        func record(_ value: Double) { lock.withLock { current = Int64(value) } }
        func recordNanoseconds(_ duration: Int64) { lock.withLock { current = duration } }
    }

    private let lock = NSLock()
    private var handlers: [String: Handler] = [:]

    private static func key(_ label: String, _ dimensions: [(String, String)]) -> String {
        ([label] + dimensions.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }).joined(separator: "|")
    }

    private func handler(_ label: String, _ dimensions: [(String, String)]) -> Handler {
        lock.withLock {
            let key = Self.key(label, dimensions)
            if let existing = handlers[key] { return existing }
            let created = Handler()
            handlers[key] = created
            return created
        }
    }

    func value(_ label: String, _ dimensions: [String: String] = [:]) -> Int64? {
        let key = Self.key(label, dimensions.map { ($0.key, $0.value) })
        return lock.withLock { handlers[key] }?.value
    }

    var allLabelsAndDimensions: String { lock.withLock { handlers.keys.joined(separator: "\n") } }

    func makeCounter(label: String, dimensions: [(String, String)]) -> CounterHandler { handler(label, dimensions) }
    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> RecorderHandler {
        handler(label, dimensions)
    }
    func makeTimer(label: String, dimensions: [(String, String)]) -> TimerHandler { handler(label, dimensions) }
    func destroyCounter(_ handler: CounterHandler) {}
    func destroyRecorder(_ handler: RecorderHandler) {}
    func destroyTimer(_ handler: TimerHandler) {}
}
