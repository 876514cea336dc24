/// The scorecard could not read its data; `harvestbrain scorecard` exits 2 on it.
package struct ScorecardError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which store failed.
    package enum Source: String, Sendable { case database, redis }

    package var source: Source
    /// The underlying error, without credentials.
    package var message: String

    package init(source: Source, message: String) {
        self.source = source
        self.message = message
    }

    package var description: String {
        switch source {
        case .database: "cannot read the ledger database: \(message)"
        case .redis: "cannot read Redis: \(message)"
        }
    }
}
