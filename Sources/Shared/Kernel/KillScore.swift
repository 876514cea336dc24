import FoundationEssentials
import Glibc

/// The kill score K: a logistic of the weighted components (kernel.md §2 step 6).
///
/// Every component is ≥ 0, so with non-negative weights K ≥ 0.5 always; K = 0.5 exactly when
/// every component is 0.
package struct KillScore: Sendable, Equatable {
    package var components: KillComponents
    /// z = k_regime_flip·regime_flip + k_sigma_spike·sigma_spike + k_ts_drop·ts_drop
    ///   + k_age_penalty·age_penalty, summed left to right as the original does.
    package var z: Double
    /// K = 1 / (1 + e^(−z)).
    ///
    /// - Important: where the original's `math.exp` would overflow (z < −709.78, only possible
    ///   with negative weights) it raises; here K is 0.
    package var value: Double

    package init(components: KillComponents, parameters: KernelParameters) {
        self.components = components
        z =
            parameters.kRegimeFlip * components.regimeFlip
            + parameters.kSigmaSpike * components.sigmaSpike
            + parameters.kTsDrop * components.tsDrop
            + parameters.kAgePenalty * components.agePenalty
        value = 1.0 / (1.0 + exp(-z))
    }

    package init(ageSec: Double, market: MarketSnapshot, parameters: KernelParameters) {
        self.init(
            components: KillComponents(ageSec: ageSec, market: market, parameters: parameters),
            parameters: parameters
        )
    }
}
