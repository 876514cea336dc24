import FoundationEssentials

/// What exitbrain remembers about one open position, kept in Redis
/// (`quantum:exitbrain:state:{SYM}`) so a restart keeps peak, trough and what was proposed.
package struct ExitPositionState: Sendable, Equatable {
    package var side: PositionSide
    package var entryPrice: Double
    package var peak: Double
    package var trough: Double
    /// When exitbrain first saw the position (its age when no hash gives an open time).
    package var firstSeen: Double
    /// Highest ladder rank proposed for this position (0 none … 4 full close).
    package var proposedRank = 0
    /// When the last close plan was published (epoch seconds), 0 if none.
    package var proposedAt: Double = 0
    /// The tightest stop proposed for this position, 0 if none.
    package var proposedStop: Double = 0
    /// `computed_at_utc` of the decision standing now (unchanged while it stands).
    package var computedAt = ""
    /// The entry plan of the position (from its hash), when known: a new one means a new position.
    package var entryPlanID = ""

    package init(side: PositionSide, entryPrice: Double, mark: Double, now: Double) {
        self.side = side
        self.entryPrice = entryPrice
        peak = mark
        trough = mark
        firstSeen = now
    }

    /// `quantum:exitbrain:state:{SYM}`.
    package static func key(_ symbol: String) -> String { "quantum:exitbrain:state:\(symbol)" }

    package var fields: [(String, String)] {
        [
            ("side", side.rawValue), ("entry_price", WireFloat.repr(entryPrice)), ("peak", WireFloat.repr(peak)),
            ("trough", WireFloat.repr(trough)), ("first_seen", WireFloat.repr(firstSeen)),
            ("proposed_rank", String(proposedRank)), ("proposed_at", WireFloat.repr(proposedAt)),
            ("proposed_stop", WireFloat.repr(proposedStop)), ("computed_at", computedAt),
            ("entry_plan_id", entryPlanID),
        ]
    }

    /// The hash field names, in the order ``fields`` writes them.
    package static let fieldNames = [
        "side", "entry_price", "peak", "trough", "first_seen", "proposed_rank", "proposed_at",
        "proposed_stop", "computed_at", "entry_plan_id",
    ]

    /// True when a stored hash holds every field (so a state decoded from it is all it says).
    package static func isComplete(_ fields: [String: String]) -> Bool {
        fieldNames.allSatisfy { fields[$0] != nil }
    }

    /// Decodes a stored state; nil when absent or unreadable (then the position starts afresh).
    package init?(fields: [String: String]) {
        guard let sideText = fields["side"], let side = PositionSide(rawValue: sideText),
            let entry = fields["entry_price"].flatMap(Double.init), let peak = fields["peak"].flatMap(Double.init),
            let trough = fields["trough"].flatMap(Double.init), let first = fields["first_seen"].flatMap(Double.init)
        else { return nil }
        self.side = side
        entryPrice = entry
        self.peak = peak
        self.trough = trough
        firstSeen = first
        proposedRank = fields["proposed_rank"].flatMap(Int.init) ?? 0
        proposedAt = fields["proposed_at"].flatMap(Double.init) ?? 0
        proposedStop = fields["proposed_stop"].flatMap(Double.init) ?? 0
        computedAt = fields["computed_at"] ?? ""
        entryPlanID = fields["entry_plan_id"] ?? ""
    }

    /// False when a live position is a different one from this state: side flipped, re-entered at
    /// another price, or opened by another entry plan.
    package func isSamePosition(side: PositionSide, entryPrice: Double, entryPlanID: String?) -> Bool {
        if let entryPlanID, !entryPlanID.isEmpty, !self.entryPlanID.isEmpty, entryPlanID != self.entryPlanID {
            return false
        }
        return self.side == side && abs(self.entryPrice - entryPrice) <= max(1e-9, abs(entryPrice) * 1e-9)
    }

    /// Follows the mark: peak and trough since the position opened.
    package mutating func observe(mark: Double) {
        peak = max(peak, mark)
        trough = min(trough, mark)
    }
}

extension HarvestAction {
    /// The ladder's order: none 0, partial 25/50/75 → 1/2/3, full close 4.
    package var rank: Int {
        switch self {
        case .none: 0
        case .partial25: 1
        case .partial50: 2
        case .partial75: 3
        case .fullCloseProposed: 4
        }
    }

    /// The percentage a harvest plan closes.
    package var closePercent: Double {
        switch self {
        case .none: 0
        case .partial25: 25
        case .partial50: 50
        case .partial75: 75
        case .fullCloseProposed: 100
        }
    }
}
