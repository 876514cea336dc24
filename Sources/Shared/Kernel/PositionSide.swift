/// The side of a position as the kernel sees it.
///
/// - Important: like the original, only the exact string `LONG` is long; anything else
///   (`SHORT`, `short`, `FLAT`, an empty string) is treated as short.
package enum PositionSide: String, Sendable, Equatable, Hashable {
    case long = "LONG"
    case short = "SHORT"

    /// Reads a side the way the original kernel does: `LONG` is long, everything else short.
    package init(pythonSide: String) {
        self = pythonSide == "LONG" ? .long : .short
    }
}
