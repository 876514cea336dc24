import FoundationEssentials

extension Decimal {
    /// This value rounded to `scale` fraction digits (a negative scale rounds to tens, hundreds …),
    /// exactly as Foundation's `NSDecimalRound` rounds: `.plain` half away from zero, `.down`
    /// toward negative infinity, `.up` toward positive infinity, `.bankers` half to even.
    ///
    /// FoundationEssentials has `Decimal` but not `NSDecimalRound` (the daemons link only
    /// FoundationEssentials, docs/performance.md); `DecimalRoundingTests` checks this against
    /// Foundation's function over thousands of values. NaN and zero are returned unchanged.
    package func rounded(scale: Int, _ mode: RoundingMode = .plain) -> Decimal {
        guard isFinite, !isZero, exponent < -scale else { return self }
        let drop = -scale - exponent
        // The significand is a non-negative integer of at most 39 digits: its text is exact.
        guard let mantissa = UInt128(significand.description) else { return self }
        var quotient: UInt128 = 0
        let remainder: UInt128
        let pastHalf: Bool, atHalf: Bool
        if drop >= 39 {
            // 10^39 exceeds every mantissa (< 2^128 ≈ 3.4 × 10^38): everything is dropped, and it
            // is below half of the unit.
            remainder = mantissa
            pastHalf = false
            atHalf = false
        } else {
            let divisor = Self.powerOfTen(drop)
            (quotient, remainder) = mantissa.quotientAndRemainder(dividingBy: divisor)
            pastHalf = remainder > divisor / 2
            atHalf = remainder == divisor / 2
        }
        let negative = sign == .minus
        let increment: Bool
        switch mode {
        case .plain: increment = pastHalf || atHalf
        case .bankers: increment = pastHalf || (atHalf && quotient % 2 == 1)
        case .up: increment = !negative && remainder != 0
        case .down: increment = negative && remainder != 0
        @unknown default: increment = pastHalf || atHalf
        }
        if increment { quotient += 1 }
        guard quotient != 0, let digits = Decimal(exactly: quotient) else { return 0 }
        return Decimal(sign: sign, exponent: -scale, significand: digits)
    }

    private static func powerOfTen(_ exponent: Int) -> UInt128 {
        var value: UInt128 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
