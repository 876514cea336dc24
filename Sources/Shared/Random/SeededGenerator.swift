import FoundationEssentials
import Glibc

/// A small deterministic random generator (SplitMix64), so a `--seed` reproduces a run: the
/// paper exchange's price path, the chaos run's feed and hostile messages, benchmark inputs.
package struct SeededGenerator: RandomNumberGenerator, Sendable, Codable {
    private var state: UInt64

    package init(seed: UInt64) {
        state = seed
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in (0, 1].
    package mutating func unit() -> Double {
        Double(next() >> 11 + 1) / Double(1 << 53)
    }

    /// A standard normal sample (Box–Muller).
    package mutating func gaussian() -> Double {
        let u1 = unit(), u2 = unit()
        return (-2 * Glibc.log(u1)).squareRoot() * Glibc.cos(2 * Double.pi * u2)
    }

    /// True with probability `p`.
    package mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
}
