import Metrics

/// The client's metrics (swift-metrics; the daemon bootstraps the Prometheus backend).
///
/// - `exchange_requests_total{endpoint, status}`: every HTTP attempt; `status` is `2xx`, `4xx`,
///   `5xx`, `429`, `418` or `error` (no response).
/// - `exchange_retries_total{endpoint, reason}`: attempts repeated (`transport`, `rate_limit`,
///   `server`, `timestamp`).
/// - `exchange_used_weight_1m`: last `X-MBX-USED-WEIGHT-1M`.
/// - `exchange_order_count_1m`: last `X-MBX-ORDER-COUNT-1M`.
///
/// Label values are bounded: endpoints come from the fixed ``BinanceEndpoint`` list.
struct BinanceMetrics: Sendable {
    private let factory: any MetricsFactory
    private let usedWeight: Gauge
    private let orderCount: Gauge

    /// Metrics from `factory` (the bootstrapped global one by default).
    init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        usedWeight = Gauge(label: "exchange_used_weight_1m", factory: factory)
        orderCount = Gauge(label: "exchange_order_count_1m", factory: factory)
    }

    func request(_ endpoint: BinanceEndpoint, status: Int?) {
        let statusClass: String
        switch status {
        case nil: statusClass = "error"
        case let code? where code == 429 || code == 418: statusClass = String(code)
        case let code?: statusClass = "\(code / 100)xx"
        }
        Counter(
            label: "exchange_requests_total", dimensions: [("endpoint", endpoint.label), ("status", statusClass)],
            factory: factory
        )
        .increment()
    }

    func retry(_ endpoint: BinanceEndpoint, reason: String) {
        Counter(
            label: "exchange_retries_total", dimensions: [("endpoint", endpoint.label), ("reason", reason)],
            factory: factory
        )
        .increment()
    }

    /// Records the rate-limit headers of a response (names already lower-cased).
    func rateLimits(_ headers: [String: String]) {
        if let weight = headers["x-mbx-used-weight-1m"].flatMap({ Int($0) }) { usedWeight.record(weight) }
        if let orders = headers["x-mbx-order-count-1m"].flatMap({ Int($0) }) { orderCount.record(orders) }
    }
}
