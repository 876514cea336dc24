import FoundationEssentials

/// A fill's amounts as the `numeric` text the ledger's statements pass (`Decimal`'s description,
/// as ``LedgerStore/record(_:)`` and ``RoundTripBook`` write them), formatted once per fill for
/// the batch statements. The notional is `quantity × averagePrice`, computed in `Decimal`.
struct LedgerFillAmounts {
    let quantity: String
    let averagePrice: String
    let realizedPnL: String
    let commission: String
    let notional: String
    let entryRiskUSDT: String?

    init(_ fill: LedgerFill) {
        quantity = "\(fill.quantity)"
        averagePrice = "\(fill.averagePrice)"
        realizedPnL = "\(fill.realizedPnL)"
        commission = "\(fill.commission)"
        notional = "\(fill.quantity * fill.averagePrice)"
        entryRiskUSDT = fill.entryRiskUSDT.map { "\($0)" }
    }
}
