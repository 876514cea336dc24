/// The rows of a query result, every value as PostgreSQL's text form (`nil` for SQL NULL).
///
/// Text keeps `NUMERIC` exact: callers parse money with `Decimal(string:)`, never via `Double`.
package struct PostgresRows: Sendable, Equatable {
    package var columns: [String]
    package var values: [[String?]]
    /// Rows changed by an INSERT/UPDATE/DELETE (`PQcmdTuples`), 0 otherwise.
    package var affectedRows: Int

    package init(columns: [String] = [], values: [[String?]] = [], affectedRows: Int = 0) {
        self.columns = columns
        self.values = values
        self.affectedRows = affectedRows
    }

    package var count: Int { values.count }
    package var isEmpty: Bool { values.isEmpty }

    /// The value of `column` in row `row`.
    package func value(_ row: Int, _ column: String) throws(PostgresError) -> String? {
        guard let index = columns.firstIndex(of: column) else { throw .unexpected("no column \(column)") }
        guard values.indices.contains(row) else { throw .unexpected("no row \(row)") }
        return values[row][index]
    }

    /// Each row as a dictionary of column name to text value.
    package var dictionaries: [[String: String?]] {
        values.map { row in Dictionary(uniqueKeysWithValues: zip(columns, row)) }
    }
}
