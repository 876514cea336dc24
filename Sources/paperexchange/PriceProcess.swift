import Foundation
import Shared

/// A seeded stochastic price for one symbol: geometric Brownian motion whose drift and
/// volatility come from a Markov chain of regimes (trend up/down, chop, volatility spike).
///
/// Works in Double internally (it is a model, not a ledger); the exchange only ever
/// publishes its prices rounded to the symbol's tick as `Decimal`.
struct PriceProcess: Sendable, Codable {
    private(set) var price: Double
    private(set) var regime: MarketRegime
    private var regimeSecondsLeft: Double
    private var anchorLog: Double
    private var rng: SeededGenerator
    /// Volatility per simulated second in the calm regime.
    private let calmSigma: Double

    init(startPrice: Double, annualVolatility: Double, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        price = startPrice
        regime = MarketRegime.allCases[Int(rng.next() % UInt64(MarketRegime.allCases.count - 1))]
        regimeSecondsLeft = regime.meanDuration * (0.5 + rng.unit())
        anchorLog = Foundation.log(startPrice)
        calmSigma = annualVolatility / (365.0 * 86_400).squareRoot()
        self.rng = rng
    }

    /// Advances one simulated second and returns the new price.
    mutating func step() -> Double {
        regimeSecondsLeft -= 1
        if regimeSecondsLeft <= 0 { switchRegime() }
        let logPrice = Foundation.log(price)
        var drift = regime.driftPerSecond
        if regime == .chop {
            drift += (anchorLog - logPrice) / 1800  // half-life of roughly 20 minutes
        }
        let sigma = calmSigma * regime.volatilityMultiplier
        price = Foundation.exp(logPrice + drift - sigma * sigma / 2 + sigma * rng.gaussian())
        return price
    }

    /// A uniform random number from the same stream (for volumes and trade counts).
    mutating func noise() -> Double { rng.unit() }

    /// Moves the price to `newPrice` (admin "set price"); the regime is kept.
    mutating func jump(to newPrice: Double) {
        guard newPrice > 0 else { return }
        price = newPrice
        anchorLog = Foundation.log(newPrice)
    }

    /// Multiplies the price by `ratio` (used to make a regenerated history end at a saved mark).
    mutating func rescale(by ratio: Double) {
        price *= ratio
        anchorLog += Foundation.log(ratio)
    }

    private mutating func switchRegime() {
        let roll = rng.unit()
        let next: MarketRegime
        switch roll {
        case ..<0.3: next = .trendUp
        case ..<0.6: next = .trendDown
        case ..<0.9: next = .chop
        default: next = .spike
        }
        regime = next
        regimeSecondsLeft = next.meanDuration * (0.5 + rng.unit())
        anchorLog = Foundation.log(price)
    }
}
