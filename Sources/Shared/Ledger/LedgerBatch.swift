/// Results made ready for ``LedgerStore/recordBatch(_:)-(LedgerBatch)``, without the database:
/// the result rows' columns as PostgreSQL array literals (the `fields` JSON included) and each
/// fill's amounts as `numeric` text. Preparing is CPU work only, so a caller can prepare the next
/// batch while the current one is being written.
package struct LedgerBatch: Sendable {
    /// The results, in stream order.
    package let results: [LedgerResult]
    /// `$1…$13` of the results' multi-row INSERT.
    let resultParameters: [String?]
    /// Per result: its fill's amounts, nil without a fill.
    let amounts: [LedgerFillAmounts?]

    package init(_ results: [LedgerResult]) {
        self.results = results
        var columns = Array(repeating: [String?](), count: 13)
        for index in columns.indices { columns[index].reserveCapacity(results.count) }
        for result in results {
            columns[0].append(result.stream)
            columns[1].append(result.entryID)
            columns[2].append(result.planID)
            columns[3].append(result.symbol)
            columns[4].append(result.action)
            columns[5].append(result.decision)
            columns[6].append(result.executed ? "true" : "false")
            columns[7].append(result.reduceOnly ? "true" : "false")
            columns[8].append(result.error)
            columns[9].append(result.errorCode)
            columns[10].append(result.producer)
            columns[11].append(String(result.time.timeIntervalSince1970))
            columns[12].append(LedgerStore.json(result.fields))
        }
        resultParameters = columns.map { PostgresArrayLiteral.encode($0) }
        amounts = results.map { $0.fill.map(LedgerFillAmounts.init) }
    }

    package var isEmpty: Bool { results.isEmpty }
    package var count: Int { results.count }
}
