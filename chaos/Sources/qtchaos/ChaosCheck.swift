/// One row of the final table: what was checked, whether it held, and the figures behind it.
struct ChaosCheck {
    var name: String
    var passed: Bool
    var detail: String

    /// `CHECK<TAB>name<TAB>PASS|FAIL<TAB>detail`, the line ops/chaos collects into its table.
    var line: String { "CHECK\t\(name)\t\(passed ? "PASS" : "FAIL")\t\(detail)" }
}
