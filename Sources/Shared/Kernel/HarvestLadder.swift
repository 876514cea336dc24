/// The harvest ladder: which partial close R_net has earned (kernel.md §2 step 3).
package enum HarvestLadder {
    /// PARTIAL_75 at R_net ≥ T3, PARTIAL_50 at ≥ T2, PARTIAL_25 at ≥ T1, else NONE.
    package static func action(rNet: Double, parameters: KernelParameters) -> HarvestAction {
        if rNet >= parameters.t3R {
            .partial75
        } else if rNet >= parameters.t2R {
            .partial50
        } else if rNet >= parameters.t1R {
            .partial25
        } else {
            .none
        }
    }
}
