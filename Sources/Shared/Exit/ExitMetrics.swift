import Metrics

/// exitbrain's metrics: the last K and its components per symbol, decisions by action, skips by
/// reason, and the cycle time.
struct ExitMetrics: Sendable {
    let cycle = Timer(label: "exitbrain_cycle_seconds")

    func record(_ decision: ExitDecision) {
        let symbol = [("symbol", decision.symbol)]
        Gauge(label: "exitbrain_kill_score", dimensions: symbol).record(decision.kernel.killScore.value)
        Gauge(label: "exitbrain_r_net", dimensions: symbol).record(decision.kernel.rNet)
        let components = decision.kernel.components
        for (name, value) in [
            ("regime_flip", components.regimeFlip), ("sigma_spike", components.sigmaSpike),
            ("ts_drop", components.tsDrop), ("age_penalty", components.agePenalty),
        ] {
            Gauge(label: "exitbrain_k_component", dimensions: symbol + [("component", name)]).record(value)
        }
        Counter(label: "exitbrain_decisions_total", dimensions: [("action", decision.action.rawValue)]).increment()
        switch decision.publication {
        case .none: break
        case .close(let action):
            Counter(label: "exitbrain_plans_published_total", dimensions: [("action", action.rawValue)]).increment()
        case .updateStop:
            Counter(label: "exitbrain_plans_published_total", dimensions: [("action", "UPDATE_SL")]).increment()
        }
    }

    /// `exitbrain_skips_total{reason}`.
    func skip(_ reason: String) -> Counter {
        Counter(label: "exitbrain_skips_total", dimensions: [("reason", reason)])
    }
}
