import FoundationEssentials

/// Draws the cumulative net PnL curve as a self-contained SVG: axes, value and time labels, a
/// dashed zero line and the curve as one `<polyline>` with a point per ledger event.
package struct EquityChart: Sendable {
    package var width: Double = 960
    package var height: Double = 480
    package var title = "Cumulative net PnL"

    /// Space for labels around the plot area: top, right, bottom, left.
    private let margin = (top: 48.0, right: 32.0, bottom: 56.0, left: 96.0)

    package init(title: String = "Cumulative net PnL") {
        self.title = title
    }

    /// The SVG document for `curve`.
    package func svg(_ curve: [EquityPoint]) -> String {
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(format(width))" height="\#(format(height))" viewBox="0 0 \#(format(width)) \#(format(height))" font-family="sans-serif" font-size="12">"#,
            #"<rect x="0" y="0" width="\#(format(width))" height="\#(format(height))" fill="white"/>"#,
            #"<text x="\#(format(width / 2))" y="28" text-anchor="middle" font-size="16">\#(escape(title))</text>"#,
        ]
        let left = margin.left, right = width - margin.right, top = margin.top, bottom = height - margin.bottom
        lines.append(
            #"<line class="axis" x1="\#(format(left))" y1="\#(format(bottom))" x2="\#(format(right))" y2="\#(format(bottom))" stroke="rgb(51,51,51)"/>"#
        )
        lines.append(
            #"<line class="axis" x1="\#(format(left))" y1="\#(format(top))" x2="\#(format(left))" y2="\#(format(bottom))" stroke="rgb(51,51,51)"/>"#
        )
        guard let first = curve.first, let last = curve.last else {
            lines.append(
                #"<text x="\#(format(width / 2))" y="\#(format(height / 2))" text-anchor="middle">no realized PnL in this period</text>"#
            )
            lines.append("</svg>")
            return lines.joined(separator: "\n") + "\n"
        }
        let values = curve.map { LedgerDecimal.double($0.equity) }
        var low = min(0, values.min() ?? 0), high = max(0, values.max() ?? 0)
        if high - low < 1e-9 { low -= 1; high += 1 }
        let start = first.time.timeIntervalSince1970, end = last.time.timeIntervalSince1970
        let span = max(end - start, 1)
        func x(_ point: EquityPoint) -> Double {
            curve.count == 1
                ? (left + right) / 2 : left + (point.time.timeIntervalSince1970 - start) / span * (right - left)
        }
        func y(_ value: Double) -> Double { bottom - (value - low) / (high - low) * (bottom - top) }

        for tick in 0...4 {
            let value = low + (high - low) * Double(tick) / 4
            lines.append(
                #"<line x1="\#(format(left - 4))" y1="\#(format(y(value)))" x2="\#(format(left))" y2="\#(format(y(value)))" stroke="rgb(51,51,51)"/>"#
            )
            lines.append(
                #"<text class="y-label" x="\#(format(left - 8))" y="\#(format(y(value) + 4))" text-anchor="end">\#(label(value, range: high - low))</text>"#
            )
        }
        lines.append(
            #"<line class="zero" x1="\#(format(left))" y1="\#(format(y(0)))" x2="\#(format(right))" y2="\#(format(y(0)))" stroke="rgb(153,153,153)" stroke-dasharray="4 4"/>"#
        )
        lines.append(
            #"<text class="x-label" x="\#(format(left))" y="\#(format(bottom + 20))" text-anchor="start">\#(timeLabel(first.time))</text>"#
        )
        lines.append(
            #"<text class="x-label" x="\#(format(right))" y="\#(format(bottom + 20))" text-anchor="end">\#(timeLabel(last.time))</text>"#
        )
        lines.append(
            #"<text x="\#(format((left + right) / 2))" y="\#(format(height - 12))" text-anchor="middle">time (UTC)</text>"#
        )
        let points = zip(curve, values).map { "\(format(x($0.0))),\(format(y($0.1)))" }.joined(separator: " ")
        let colour = last.equity < 0 ? "#c0392b" : "#1e8449"
        lines.append(
            #"<polyline class="equity" fill="none" stroke="\#(colour)" stroke-width="2" points="\#(points)"/>"#)
        lines.append(
            #"<text x="\#(format(right))" y="\#(format(top - 8))" text-anchor="end">net \#(escape(LedgerDecimal.fixed(last.equity, scale: 2)))</text>"#
        )
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the SVG for `curve` to `path`.
    package func write(_ curve: [EquityPoint], to path: String) throws(EquityChartError) {
        do {
            try Data(svg(curve).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw EquityChartError(path: path, reason: "\(error)")
        }
    }

    private func format(_ value: Double) -> String {
        CFormat.string("%.1f", value)
    }

    private func label(_ value: Double, range: Double) -> String {
        let places = range >= 100 ? 0 : range >= 1 ? 2 : 4
        return CFormat.string("%.\(places)f", value)
    }

    private func timeLabel(_ date: Date) -> String {
        let text = ReportTime.rfc3339(Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
        return String(text.prefix(16)).replacing("T", with: " ")
    }

    private func escape(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
    }
}
