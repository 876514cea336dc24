import Foundation
import Metrics
import ServiceLifecycle
import Testing

@testable import Shared

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("The /metrics and /healthz endpoint")
struct MetricsServerTests {
    /// swift-metrics allows one bootstrap per process.
    static let bootstrapped: Void = PrometheusExport.bootstrap()

    @Test("serves swift-metrics counters in Prometheus text, and health as JSON with 200/503")
    func servesMetricsAndHealth() async throws {
        _ = Self.bootstrapped
        let port = try RedisProcess.freePort()
        let health = HealthState()
        health.set("redis", healthy: true)
        let server = MetricsServer(
            configuration: .init(address: "127.0.0.1", port: UInt16(port)), health: health,
            service: "testd", logger: TestEnvironment.logger)
        Counter(label: "testd_plans_total", dimensions: [("outcome", "executed")]).increment(by: 3)
        let task = Task { try await server.run() }
        defer { task.cancel() }
        let base = "http://127.0.0.1:\(port)"
        var metrics: (Int, String)?
        for _ in 0..<100 {
            metrics = try? await get("\(base)/metrics")
            if metrics != nil { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        let (status, body) = try #require(metrics)
        #expect(status == 200)
        #expect(body.contains(#"testd_plans_total{outcome="executed"} 3"#))

        let (okStatus, okBody) = try await get("\(base)/healthz")
        #expect(okStatus == 200)
        #expect(okBody.contains(#""healthy":true"#))
        health.set("postgres", healthy: false, detail: "connection refused")
        let (downStatus, downBody) = try await get("\(base)/healthz")
        #expect(downStatus == 503)
        #expect(downBody.contains("connection refused"))
    }

    @Test(
        "a consumer exports its group's pending count and lag, which the alert rules read",
        .enabled(if: TestEnvironment.redisEnabled))
    func consumerExportsPendingAndLag() async throws {
        _ = Self.bootstrapped
        let redis = try TestEnvironment.redis()
        let stream = TestEnvironment.unique("gauges")
        try await redis.checked(["XGROUP", "CREATE", stream, "g", "$", "MKSTREAM"])
        try await redis.streamAdd(stream, [("kind", "x")])
        _ = try await redis.send(["XREADGROUP", "GROUP", "g", "deadhost:test", "STREAMS", stream, ">"])
        let running = try RunningConsumer.start(
            stream: stream, group: "g", consumer: "alive:test",
            handler: RecordingHandler()
        ) { $0.claimIdle = .seconds(3600) }
        let text = { String(decoding: PrometheusExport.render(), as: UTF8.self) }
        let exported = await TestEnvironment.eventually {
            text().contains(#"stream_pending{stream="\#(stream)",group="g"} 1.0"#)
        }
        await running.stop()
        #expect(exported, "\(text().split(separator: "\n").filter { $0.contains(stream) })")
        #expect(text().contains(#"stream_lag{stream="\#(stream)",group="g"} 0.0"#))
    }

    private func get(_ url: String) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.uncancellableData(for: URLRequest(url: URL(string: url)!))
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
}
