import FoundationEssentials

/// What exitbrain decided for one position in one cycle.
package struct ExitDecision: Sendable {
    /// What to publish, if anything.
    package enum Publication: Sendable, Equatable {
        case none
        case close(HarvestAction)
        case updateStop(Double)
    }

    package var symbol: String
    package var kernel: KernelDecision
    /// The action after the stop-loss backstop (FULL_CLOSE_PROPOSED when the mark crossed the stop).
    package var action: HarvestAction
    package var reasons: [String]
    package var publication: Publication
    package var market: MarketSnapshot
    package var marketOrigin: MarketDataSource.Origin
    package var position: PositionSnapshot
    package var flags: [String]
}
