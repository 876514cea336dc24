import FoundationEssentials

extension Decimal {
    /// The significand as a `UInt64` when it is an integer below 2^64, read without formatting.
    ///
    /// FoundationEssentials keeps `Decimal`'s mantissa internal and has no `doubleValue`; text
    /// (`description`) costs ≈ 1.8 µs. This reads the stored words, assuming swift-foundation's
    /// layout (exponent, length and flags, two reserved bytes, eight 16-bit mantissa words, least
    /// significant first), and returns the integer only when `Decimal(integer)` gives the
    /// significand back, so a different layout makes callers take their slower exact path, never
    /// a wrong value.
    package var integerSignificand: UInt64? {
        guard MemoryLayout<Decimal>.size == 20, isFinite else { return nil }
        let value: UInt64? = withUnsafeBytes(of: self) { raw in
            func word(_ index: Int) -> UInt64 {
                UInt64(raw.loadUnaligned(fromByteOffset: 4 + 2 * index, as: UInt16.self))
            }
            guard (4..<8).allSatisfy({ word($0) == 0 }) else { return nil }
            return word(0) | word(1) << 16 | word(2) << 32 | word(3) << 48
        }
        guard let value, Decimal(value) == significand else { return nil }
        return value
    }
}
