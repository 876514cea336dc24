import FoundationEssentials

/// A fill's amounts as the `numeric` text the ledger's statements pass (`Decimal`'s description,
/// as ``LedgerStore/record(_:)`` and ``RoundTripBook`` write them), formatted once per fill for
/// the batch statements. The notional is `quantity × averagePrice`, computed in `Decimal`.
///
/// Written with `Decimal.plainDescription` (the same bytes as `description`, ten
/// times cheaper): `description`'s division loop was ≈ 8 % of harvestbrain's CPU in a drain.
struct LedgerFillAmounts {
    let quantity: String
    let averagePrice: String
    let realizedPnL: String
    let commission: String
    let notional: String
    let entryRiskUSDT: String?

    init(_ fill: LedgerFill) {
        quantity = fill.quantity.plainDescription
        averagePrice = fill.averagePrice.plainDescription
        realizedPnL = fill.realizedPnL.plainDescription
        commission = fill.commission.plainDescription
        notional = (fill.quantity * fill.averagePrice).plainDescription
        entryRiskUSDT = fill.entryRiskUSDT?.plainDescription
    }
}
