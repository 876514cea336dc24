/// What the kernel proposes for a position; the raw values are the wire strings.
///
/// There is no HOLD or UPDATE_SL here: a stop move is `KernelDecision.newStopProposed` beside
/// whatever action the ladder or kill score chose.
package enum HarvestAction: String, Sendable, Equatable, Hashable, CaseIterable {
    case none = "NONE"
    case partial25 = "PARTIAL_25"
    case partial50 = "PARTIAL_50"
    case partial75 = "PARTIAL_75"
    case fullCloseProposed = "FULL_CLOSE_PROPOSED"

    /// The reason code a ladder rung adds (`harvest_partial_25|50|75`); `nil` otherwise.
    package var ladderReason: ReasonCode? {
        switch self {
        case .partial25: .harvestPartial25
        case .partial50: .harvestPartial50
        case .partial75: .harvestPartial75
        case .none, .fullCloseProposed: nil
        }
    }
}
