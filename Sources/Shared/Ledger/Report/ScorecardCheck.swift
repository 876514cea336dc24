/// One of the scorecard's six checks: PASS or FAIL with the number behind it.
package struct ScorecardCheck: Sendable {
    /// Stable identifier, e.g. `exit_plans_executed`.
    package var id: String
    /// What the desk asks, e.g. `exit plans executed`.
    package var title: String
    package var passed: Bool
    /// The number behind the verdict, for people: `0 in 1h (0.00/h)`.
    package var value: String
    /// What passing needs, for people: `>= 1/h`.
    package var threshold: String
    /// The same numbers for tools (JSON).
    package var metrics: [(String, JSONText.Value)]

    package init(
        id: String, title: String, passed: Bool, value: String, threshold: String, metrics: [(String, JSONText.Value)]
    ) {
        self.id = id
        self.title = title
        self.passed = passed
        self.value = value
        self.threshold = threshold
        self.metrics = metrics
    }

    /// `PASS` or `FAIL`.
    package var status: String { passed ? "PASS" : "FAIL" }
}
