/// What recording one result did.
package enum LedgerOutcome: Sendable, Equatable {
    /// A new result row; `order` is true when it also added an order (and moved a round trip).
    case recorded(order: Bool)
    /// The same stream entry was recorded before (a redelivery): nothing changed.
    case duplicate
    /// The result's order was already in the ledger under another stream entry: the result row
    /// was added, the order was not doubled.
    case duplicateOrder
}
