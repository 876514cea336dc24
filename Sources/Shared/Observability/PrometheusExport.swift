import Metrics
import Prometheus

/// The process's Prometheus registry behind swift-metrics.
///
/// The only file that imports `Prometheus` (its `Counter`/`Gauge` names clash with swift-metrics').
package enum PrometheusExport {
    /// The registry every swift-metrics metric of this process lands in.
    package static let registry = PrometheusCollectorRegistry()

    /// Routes swift-metrics to ``registry``. Call once, from `@main`.
    package static func bootstrap() {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }

    /// The registry in Prometheus text exposition format.
    package static func render() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
