import FoundationEssentials

/// The scorecard's verdict over one window: the six checks in the desk's order.
package struct ScorecardReport: Sendable {
    /// Window length in seconds.
    package var window: TimeInterval
    /// End of the window.
    package var generatedAt: Date
    package var checks: [ScorecardCheck]

    package init(window: TimeInterval, generatedAt: Date, checks: [ScorecardCheck]) {
        self.window = window
        self.generatedAt = generatedAt
        self.checks = checks
    }

    package var allPassed: Bool { checks.allSatisfy(\.passed) }

    /// `harvestbrain scorecard`'s exit code: 0 when every check passes, 1 otherwise.
    package var exitCode: Int32 { allPassed ? 0 : 1 }

    /// The check with `id`, if present.
    package func check(_ id: String) -> ScorecardCheck? { checks.first { $0.id == id } }

    /// An aligned table: check, status, value, threshold; then a one-line verdict.
    package func text() -> String {
        var table = TextTable(
            headers: ["check", "status", "value", "needs"], alignments: [.left, .left, .left, .left])
        for check in checks { table.append([check.title, check.status, check.value, check.threshold]) }
        let failed = checks.filter { !$0.passed }.count
        let verdict = failed == 0 ? "ALL PASS" : "\(failed) of \(checks.count) checks FAIL"
        return "Harvest scorecard, last \(Self.windowText(window)) to \(ReportTime.rfc3339(generatedAt))\n"
            + table.render() + "\n" + verdict + "\n"
    }

    /// `{"window", "window_seconds", "generated_at", "passed", "checks": [{"check", "title", "status",
    /// "passed", "value", "threshold", "metrics": {...}}]}`.
    package func json(pretty: Bool = true) -> String {
        JSONText.encode(
            JSONText.Object([
                ("window", .text(Self.windowText(window))), ("window_seconds", .integer(Int(window))),
                ("generated_at", .text(ReportTime.rfc3339(generatedAt))), ("passed", .bool(allPassed)),
                (
                    "checks",
                    .array(
                        checks.map { check in
                            .object(
                                JSONText.Object([
                                    ("check", .text(check.id)), ("title", .text(check.title)),
                                    ("status", .text(check.status)),
                                    ("passed", .bool(check.passed)), ("value", .text(check.value)),
                                    ("threshold", .text(check.threshold)),
                                    ("metrics", .object(JSONText.Object(check.metrics))),
                                ]))
                        })
                ),
            ]), pretty: pretty)
    }

    /// `1h`, `30m`, `1d2h`, `90s`.
    package static func windowText(_ seconds: TimeInterval) -> String {
        var rest = Int(seconds)
        var text = ""
        for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            text += "\(rest / size)\(unit)"
            rest %= size
        }
        return text.isEmpty ? "0s" : text
    }
}
