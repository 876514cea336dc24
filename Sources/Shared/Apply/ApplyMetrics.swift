import Metrics

/// applylayer's metrics, with bounded labels (error codes are cut at their first `:`).
struct ApplyMetrics: Sendable {
    let orderLatency = Timer(label: "applylayer_order_seconds")
    let positions = Gauge(label: "applylayer_positions")

    /// `applylayer_plans_total{kind, error}`; `error` is empty for executed plans.
    func outcome(kind: String, error: String) -> Counter {
        let code = error.split(separator: ":", maxSplits: 1).first.map(String.init) ?? error
        return Counter(
            label: "applylayer_plans_total", dimensions: [("kind", kind), ("error", code.isEmpty ? "none" : code)])
    }

    /// `applylayer_exchange_errors_total{code}` by Binance code or error category.
    func exchangeError(_ error: ExchangeError) -> Counter {
        Counter(
            label: "applylayer_exchange_errors_total",
            dimensions: [("code", error.binanceCode.map(String.init) ?? error.code.description)])
    }

    /// `applylayer_reconcile_drift_total{kind}`: ghost (hash without position), missing (position
    /// without hash), quantity or side mismatch.
    func drift(_ kind: String) -> Counter {
        Counter(label: "applylayer_reconcile_drift_total", dimensions: [("kind", kind)])
    }

    /// `applylayer_reconcile_deferred_total`: a suspected drift left for the next pass because a
    /// plan held the symbol's lease.
    let reconcileDeferred = Counter(label: "applylayer_reconcile_deferred_total")
}
