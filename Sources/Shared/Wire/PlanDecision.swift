/// The `decision` of a plan; unknown values are kept verbatim.
///
/// Only ``execute`` is acted on. Anything else is answered with a result whose error is
/// ``resultError`` (`decision_SKIP`, `decision_RECONCILE_CLOSE`, …) and no order.
package enum PlanDecision: Sendable, Hashable, CustomStringConvertible {
    case execute
    case skip
    case blocked
    case error
    /// Any other value, as written (e.g. `RECONCILE_CLOSE`, `DENIED`, `HALT`).
    case other(String)

    /// Known values match in any letter case; others are kept as given.
    package init(_ text: String) {
        switch text.uppercased() {
        case "EXECUTE": self = .execute
        case "SKIP": self = .skip
        case "BLOCKED": self = .blocked
        case "ERROR": self = .error
        default: self = .other(text)
        }
    }

    /// The wire text (`EXECUTE`, `SKIP`, `BLOCKED`, `ERROR`, or the value as received).
    package var rawValue: String {
        switch self {
        case .execute: "EXECUTE"
        case .skip: "SKIP"
        case .blocked: "BLOCKED"
        case .error: "ERROR"
        case .other(let text): text
        }
    }

    /// The result error for a plan that is not executed because of its decision.
    package var resultError: String { "decision_\(rawValue)" }

    package var description: String { rawValue }
}
