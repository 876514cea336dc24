import FoundationEssentials

/// Which part of the ledger a report covers: `since <= time < until`, optionally one symbol.
package struct ReportFilter: Sendable, Equatable {
    /// Inclusive start; `nil` is the beginning of the ledger.
    package var since: Date?
    /// Exclusive end; `nil` is now and later.
    package var until: Date?
    /// One symbol (upper-cased), or `nil` for all.
    package var symbol: String?

    package init(since: Date? = nil, until: Date? = nil, symbol: String? = nil) {
        self.since = since
        self.until = until
        self.symbol = symbol.map { $0.uppercased() }
    }

    /// `$1` since, `$2` until, `$3` symbol, as text parameters (`nil` is SQL NULL).
    var parameters: [String?] {
        [since.map(ReportTime.rfc3339), until.map(ReportTime.rfc3339), symbol]
    }

    /// The SQL condition on a time column and `symbol` that uses ``parameters``.
    static func condition(time column: String, symbolColumn: String = "symbol") -> String {
        """
        ($1::timestamptz IS NULL OR \(column) >= $1::timestamptz) \
        AND ($2::timestamptz IS NULL OR \(column) < $2::timestamptz) \
        AND ($3::text IS NULL OR \(symbolColumn) = $3::text)
        """
    }
}
