/// Python's two-argument `min` and `max` on floats, which the original kernel and estimator use.
///
/// Python keeps the first argument unless the second compares strictly less (for `min`) or
/// greater (for `max`). That differs from Swift's `min`/`max` only for NaN and signed zeros, but
/// parity with the original means taking the same branch in those cases too.
enum PythonFloat {
    /// `min(a, b)` as Python evaluates it.
    static func min(_ a: Double, _ b: Double) -> Double { b < a ? b : a }

    /// `max(a, b)` as Python evaluates it.
    static func max(_ a: Double, _ b: Double) -> Double { b > a ? b : a }
}
