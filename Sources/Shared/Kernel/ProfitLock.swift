/// The profit lock: a break-even-plus stop once R_net reaches lock_R (kernel.md §2 step 4).
package enum ProfitLock {
    /// The tighter stop to propose, or `nil` when R_net is below lock_R or the stop in force is
    /// already at least as tight.
    ///
    /// LONG: `be = entry × (1 + be_plus_pct)`, candidate `max(stop, be)`, proposed when there is
    /// no stop or it is strictly above it. SHORT mirrors it with `1 − be_plus_pct` and `min`.
    /// - Important: a stop of `0.0` is a real level, as in the original.
    package static func proposedStop(
        position: PositionSnapshot,
        rNet: Double,
        parameters: KernelParameters
    ) -> Double? {
        if rNet < parameters.lockR { return nil }
        switch position.side {
        case .long:
            let bePlus = position.entryPrice * (1 + parameters.bePlusPct)
            guard let stop = position.currentSL else { return bePlus }
            let candidate = PythonFloat.max(stop, bePlus)
            return candidate > stop ? candidate : nil
        case .short:
            let bePlus = position.entryPrice * (1 - parameters.bePlusPct)
            guard let stop = position.currentSL else { return bePlus }
            let candidate = PythonFloat.min(stop, bePlus)
            return candidate < stop ? candidate : nil
        }
    }
}
