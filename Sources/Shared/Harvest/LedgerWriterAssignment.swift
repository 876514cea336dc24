/// Which of harvestbrain's ledger writers (each its own PostgreSQL connection) records each result
/// of a chunk, so that the writers' transactions can run at the same time without changing what
/// any symbol's round trips see.
///
/// Every result of one (exchange, symbol) goes to the same writer: a symbol's round trips and
/// orders are then written by one transaction, in stream order, and two writers never lock the
/// same round trip. Symbols are dealt to writers by their number of results, largest first, each
/// to the least loaded writer, so that four busy symbols on two writers split two and two (a hash
/// of the symbol could give one writer all four). The assignment may differ from one chunk to the
/// next: ``ResultRecorder/handleBatch(_:)`` commits every writer's part of a chunk before it
/// starts the next one.
enum LedgerWriterAssignment {
    /// The writer (0..<`writers`) of each result, in the order of `keys` (one per result, equal
    /// for results of the same exchange and symbol).
    static func writers(for keys: [String], count writers: Int) -> [Int] {
        guard writers > 1 else { return Array(repeating: 0, count: keys.count) }
        var sizes: [String: Int] = [:]
        for key in keys { sizes[key, default: 0] += 1 }
        var load = Array(repeating: 0, count: writers)
        var writerOf: [String: Int] = [:]
        for (key, size) in sizes.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
            let writer = load.indices.min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 }!
            writerOf[key] = writer
            load[writer] += size
        }
        return keys.map { writerOf[$0]! }
    }

    /// The key of a result: its fill's exchange and symbol as stored (what its round trip and
    /// order are keyed by; stored text holds no NUL, so the separator is unambiguous), or the
    /// result's symbol when it has no fill.
    static func key(_ result: LedgerResult) -> String {
        if let fill = result.fill {
            return LedgerStore.storable(fill.exchange) + "\u{0}" + LedgerStore.storable(fill.symbol)
        }
        return "\u{1}" + (result.symbol ?? "")
    }
}
