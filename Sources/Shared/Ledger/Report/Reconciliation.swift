import FoundationEssentials

/// What one reconcile run found: the per symbol-day rows and whether all are within tolerance.
package struct Reconciliation: Sendable, Equatable {
    package var since: Date
    package var until: Date
    /// Allowed drift per symbol-day, in the quote asset.
    package var tolerance: Decimal
    /// One row per symbol and UTC day seen on either side, by day then symbol.
    package var rows: [ReconciliationRow]

    package init(since: Date, until: Date, tolerance: Decimal, rows: [ReconciliationRow]) {
        self.since = since
        self.until = until
        self.tolerance = tolerance
        self.rows = rows
    }

    /// True when every symbol-day is within the tolerance (also when there is nothing to compare).
    package var allWithinTolerance: Bool { rows.allSatisfy(\.withinTolerance) }

    /// The rows beyond the tolerance.
    package var drifting: [ReconciliationRow] { rows.filter { !$0.withinTolerance } }

    /// `harvestbrain reconcile`'s exit code: 0 when every row is within tolerance, 1 when not.
    package var exitCode: Int32 { allWithinTolerance ? 0 : 1 }
}
