/// The optional risk proposal (the original's "P1 proposal") that sets the risk unit.
package struct RiskProposal: Sendable, Equatable {
    /// Stop distance as a fraction of the entry price; `nil` or `0` means "use the fallback".
    package var stopDistPct: Double?
    /// Proposed stop level; carried for audit, not used by the decision.
    package var proposedSL: Double?
    /// Proposed take-profit level; carried for audit, not used by the decision.
    package var proposedTP: Double?

    package init(stopDistPct: Double?, proposedSL: Double? = nil, proposedTP: Double? = nil) {
        self.stopDistPct = stopDistPct
        self.proposedSL = proposedSL
        self.proposedTP = proposedTP
    }
}
