/// Access to the parameters by their Python names (`T1_R`, `k_ts_drop`, …), as they appear in
/// the fixtures' `theta` and in the policy's `harvest_params` / `kill_params`.
extension KernelParameters {
    /// Names the policy keeps in `harvest_params`: risk unit, cost, ladder, lock, weights,
    /// threshold (and the audit-only tranche inputs).
    package static let harvestParamNames: [String] = [
        "fallback_stop_pct", "cost_bps", "T1_R", "T2_R", "T3_R", "u1", "u2", "u3", "softmax_temp",
        "lock_R", "be_plus_pct", "k_regime_flip", "k_sigma_spike", "k_ts_drop", "k_age_penalty",
        "kill_threshold",
    ]

    /// Names the policy keeps in `kill_params`: the component knobs.
    package static let killParamNames: [String] = [
        "trend_min", "sigma_ref", "sigma_spike_cap", "ts_ref", "ts_drop_cap", "max_age_sec",
    ]

    /// Every Python name, in the original dataclass's field order.
    package static let pythonNames: [String] = [
        "fallback_stop_pct", "cost_bps", "T1_R", "T2_R", "T3_R", "u1", "u2", "u3", "softmax_temp",
        "lock_R", "be_plus_pct", "trend_min", "sigma_ref", "sigma_spike_cap", "ts_ref",
        "ts_drop_cap", "max_age_sec", "k_regime_flip", "k_sigma_spike", "k_ts_drop",
        "k_age_penalty", "kill_threshold",
    ]

    /// The parameter with this Python name; `nil` for an unknown name (setting one is ignored).
    package subscript(pythonName name: String) -> Double? {
        get {
            switch name {
            case "fallback_stop_pct": fallbackStopPct
            case "cost_bps": costBps
            case "T1_R": t1R
            case "T2_R": t2R
            case "T3_R": t3R
            case "u1": u1
            case "u2": u2
            case "u3": u3
            case "softmax_temp": softmaxTemp
            case "lock_R": lockR
            case "be_plus_pct": bePlusPct
            case "trend_min": trendMin
            case "sigma_ref": sigmaRef
            case "sigma_spike_cap": sigmaSpikeCap
            case "ts_ref": tsRef
            case "ts_drop_cap": tsDropCap
            case "max_age_sec": maxAgeSec
            case "k_regime_flip": kRegimeFlip
            case "k_sigma_spike": kSigmaSpike
            case "k_ts_drop": kTsDrop
            case "k_age_penalty": kAgePenalty
            case "kill_threshold": killThreshold
            default: nil
            }
        }
        set {
            guard let value = newValue else { return }
            switch name {
            case "fallback_stop_pct": fallbackStopPct = value
            case "cost_bps": costBps = value
            case "T1_R": t1R = value
            case "T2_R": t2R = value
            case "T3_R": t3R = value
            case "u1": u1 = value
            case "u2": u2 = value
            case "u3": u3 = value
            case "softmax_temp": softmaxTemp = value
            case "lock_R": lockR = value
            case "be_plus_pct": bePlusPct = value
            case "trend_min": trendMin = value
            case "sigma_ref": sigmaRef = value
            case "sigma_spike_cap": sigmaSpikeCap = value
            case "ts_ref": tsRef = value
            case "ts_drop_cap": tsDropCap = value
            case "max_age_sec": maxAgeSec = value
            case "k_regime_flip": kRegimeFlip = value
            case "k_sigma_spike": kSigmaSpike = value
            case "k_ts_drop": kTsDrop = value
            case "k_age_penalty": kAgePenalty = value
            case "kill_threshold": killThreshold = value
            default: break
            }
        }
    }

    /// All parameters keyed by Python name.
    package var pythonValues: [String: Double] {
        var values: [String: Double] = [:]
        for name in Self.pythonNames { values[name] = self[pythonName: name] }
        return values
    }

    /// These parameters with every value in `values` applied by Python name.
    ///
    /// - Throws: `KernelInputError` naming the first unknown name (sorted), so a typo such as
    ///   `T1R` is not silently ignored, or the first value `validate()` rejects.
    package func overriding(pythonValues values: [String: Double]) throws(KernelInputError) -> Self {
        var result = self
        for name in values.keys.sorted() {
            guard result[pythonName: name] != nil else {
                throw KernelInputError(field: name, reason: "unknown kernel parameter")
            }
            result[pythonName: name] = values[name]
        }
        try result.validate()
        return result
    }

    /// These parameters overridden by a Python policy, each knob read from where the policy
    /// keeps it: `harvest_params` for `harvestParamNames`, `kill_params` for `killParamNames`.
    ///
    /// The original read every knob from `harvest_params`, so the kill knobs never took effect
    /// (kernel.md §3, FIX). Names found in the other dictionary, or in neither list (such as
    /// `k_close_threshold`, which nothing reads), are ignored; so is an override that would
    /// make the parameters invalid (the value in force is kept).
    package func overriding(harvestParams: [String: Double], killParams: [String: Double]) -> Self {
        var result = self
        for name in Self.harvestParamNames {
            if let value = harvestParams[name] { result.applyIfValid(value, to: name) }
        }
        for name in Self.killParamNames {
            if let value = killParams[name] { result.applyIfValid(value, to: name) }
        }
        return result
    }

    private mutating func applyIfValid(_ value: Double, to name: String) {
        var candidate = self
        candidate[pythonName: name] = value
        if (try? candidate.validate()) != nil { self = candidate }
    }
}
