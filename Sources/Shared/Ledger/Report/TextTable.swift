/// A plain-text table with aligned columns for terminal output.
package struct TextTable: Sendable {
    /// How a column's cells line up.
    package enum Alignment: Sendable { case left, right }

    package var headers: [String]
    package var alignments: [Alignment]
    package var rows: [[String]] = []

    /// A table whose first column is left-aligned and the others right-aligned (numbers).
    package init(headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? headers.indices.map { $0 == 0 ? .left : .right }
    }

    package mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The table with a header rule, each line indented by `indent` spaces.
    package func render(indent: Int = 2) -> String {
        let all = [headers] + rows
        let widths = headers.indices.map { column in
            all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
        }
        let pad = String(repeating: " ", count: indent)
        func line(_ cells: [String]) -> String {
            let text = headers.indices.map { column -> String in
                let cell = cells.indices.contains(column) ? cells[column] : ""
                let fill = String(repeating: " ", count: widths[column] - cell.count)
                return alignments[column] == .left ? cell + fill : fill + cell
            }.joined(separator: "  ")
            return pad + String(text.reversed().drop(while: { $0 == " " }).reversed())
        }
        var lines = [line(headers), pad + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }
}
