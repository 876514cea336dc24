/// The three regimes of the market-state estimator; raw values as published on
/// `quantum:stream:marketstate`.
package enum Regime: String, Sendable, Equatable, CaseIterable {
    case trend
    case mr
    case chop
}
