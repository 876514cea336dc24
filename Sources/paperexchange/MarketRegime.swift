/// The state a simulated market is in; each has its own drift and volatility.
enum MarketRegime: String, Sendable, Codable, CaseIterable {
    /// Steady rise with ordinary volatility.
    case trendUp
    /// Steady fall with ordinary volatility.
    case trendDown
    /// No drift; pulled back toward the price the regime began at.
    case chop
    /// Volatility several times the calm level, no drift.
    case spike

    /// Drift per simulated second as a fraction of price (log-return).
    var driftPerSecond: Double {
        switch self {
        case .trendUp: 2.5e-6  // about +0.9 % per hour
        case .trendDown: -2.5e-6
        case .chop, .spike: 0
        }
    }

    /// Multiplier on the calm volatility.
    var volatilityMultiplier: Double {
        switch self {
        case .trendUp, .trendDown: 1.0
        case .chop: 0.7
        case .spike: 4.0
        }
    }

    /// Mean simulated duration, in seconds.
    var meanDuration: Double {
        switch self {
        case .trendUp, .trendDown: 3 * 3600
        case .chop: 4 * 3600
        case .spike: 20 * 60
        }
    }

    /// The funding rate this regime tends to produce (longs pay when positive).
    var fundingRate: Double {
        switch self {
        case .trendUp: 0.0003
        case .trendDown: -0.0001
        case .chop: 0.0001
        case .spike: 0.0002
        }
    }
}
