import Foundation
import Metrics
import ServiceLifecycle
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@testable import Shared

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
        let server = MetricsServer(configuration: .init(address: "127.0.0.1", port: UInt16(port)), health: health,
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

    private func get(_ url: String) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
}
