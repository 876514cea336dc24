/// The chart file could not be written.
package struct EquityChartError: Error, Sendable, Equatable, CustomStringConvertible {
    package var path: String
    package var reason: String

    package init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    package var description: String { "cannot write the chart to \(path): \(reason)" }
}
