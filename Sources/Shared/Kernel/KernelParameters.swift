/// The harvest kernel's tunables θ (the original `HarvestTheta`), defaulting to the original's
/// code defaults.
///
/// The Python policy `quantum:policy:current` overrides them by their Python names
/// (`KernelParameters+Python.swift`): the ladder, cost, lock and weights live in its
/// `harvest_params`, the kill-component knobs in its `kill_params`.
package struct KernelParameters: Sendable, Equatable {
    /// Risk unit as a fraction of entry when there is no risk proposal (`fallback_stop_pct`).
    package var fallbackStopPct: Double = 0.02
    /// Round-trip cost estimate in basis points of entry (`cost_bps`).
    package var costBps: Double = 10.0
    /// R_net at which PARTIAL_25 is proposed (`T1_R`).
    package var t1R: Double = 2.0
    /// R_net at which PARTIAL_50 is proposed (`T2_R`).
    package var t2R: Double = 4.0
    /// R_net at which PARTIAL_75 is proposed (`T3_R`).
    package var t3R: Double = 6.0
    /// Tranche softmax inputs (`u1`); audit only in the original, unused by the decision.
    package var u1: Double = 0.0
    /// Tranche softmax input (`u2`); unused by the decision.
    package var u2: Double = 0.0
    /// Tranche softmax input (`u3`); unused by the decision.
    package var u3: Double = 0.0
    /// Tranche softmax temperature (`softmax_temp`); unused by the decision.
    package var softmaxTemp: Double = 1.0
    /// R_net at which the stop is moved to break-even-plus (`lock_R`).
    package var lockR: Double = 1.5
    /// Break-even-plus offset as a fraction of entry (`be_plus_pct`).
    package var bePlusPct: Double = 0.002
    /// p_trend below which a regime flip can count (`trend_min`).
    package var trendMin: Double = 0.3
    /// Sigma normaliser for the spike component (`sigma_ref`).
    package var sigmaRef: Double = 0.01
    /// Cap on the sigma-spike component (`sigma_spike_cap`).
    package var sigmaSpikeCap: Double = 2.0
    /// Trend-strength reference for the ts-drop component (`ts_ref`).
    package var tsRef: Double = 0.3
    /// Cap on the ts-drop component (`ts_drop_cap`).
    package var tsDropCap: Double = 0.5
    /// Age in seconds at which the age penalty reaches 1 (`max_age_sec`).
    package var maxAgeSec: Double = 86400.0
    /// Weight of the regime-flip component (`k_regime_flip`).
    package var kRegimeFlip: Double = 1.0
    /// Weight of the sigma-spike component (`k_sigma_spike`).
    package var kSigmaSpike: Double = 0.5
    /// Weight of the ts-drop component (`k_ts_drop`).
    package var kTsDrop: Double = 0.5
    /// Weight of the age-penalty component (`k_age_penalty`).
    package var kAgePenalty: Double = 0.3
    /// K at or above which the action becomes FULL_CLOSE_PROPOSED (`kill_threshold`).
    package var killThreshold: Double = 0.6

    /// The original's code defaults.
    package init() {}

    /// The original's code defaults.
    package static let defaults = KernelParameters()

    /// Rejects values the original could not evaluate: non-finite numbers, and a zero
    /// `sigma_ref` or `max_age_sec` (the original raises `ZeroDivisionError`).
    package func validate() throws(KernelInputError) {
        for name in Self.pythonNames {
            let value = self[pythonName: name] ?? .nan
            guard value.isFinite else {
                throw KernelInputError(field: name, reason: "must be a finite number")
            }
        }
        if sigmaRef == 0 {
            throw KernelInputError(field: "sigma_ref", reason: "must not be 0 (it divides sigma)")
        }
        if maxAgeSec == 0 {
            throw KernelInputError(field: "max_age_sec", reason: "must not be 0 (it divides the age)")
        }
    }
}
