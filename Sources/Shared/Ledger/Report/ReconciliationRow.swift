import FoundationEssentials

/// Ledger against exchange for one symbol and UTC day.
///
/// Commissions are compared as positive costs on both sides (the exchange's negative
/// `COMMISSION` income is negated); funding is signed as the exchange pays it.
package struct ReconciliationRow: Sendable, Equatable {
    package var symbol: String
    /// `2026-11-25` (UTC).
    package var day: String
    package var ledgerRealized: Decimal
    package var exchangeRealized: Decimal
    package var ledgerCommission: Decimal
    package var exchangeCommission: Decimal
    package var ledgerFunding: Decimal
    package var exchangeFunding: Decimal
    /// |Δ realized| + |Δ commission| + |Δ funding|, in the quote asset.
    package var drift: Decimal
    package var withinTolerance: Bool

    package init(
        symbol: String, day: String, ledgerRealized: Decimal, exchangeRealized: Decimal, ledgerCommission: Decimal,
        exchangeCommission: Decimal, ledgerFunding: Decimal, exchangeFunding: Decimal, tolerance: Decimal
    ) {
        self.symbol = symbol
        self.day = day
        self.ledgerRealized = ledgerRealized
        self.exchangeRealized = exchangeRealized
        self.ledgerCommission = ledgerCommission
        self.exchangeCommission = exchangeCommission
        self.ledgerFunding = ledgerFunding
        self.exchangeFunding = exchangeFunding
        drift =
            (ledgerRealized - exchangeRealized).magnitude + (ledgerCommission - exchangeCommission).magnitude
            + (ledgerFunding - exchangeFunding).magnitude
        withinTolerance = drift <= tolerance
    }
}
