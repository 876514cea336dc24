/// A setting that is missing or malformed; the message names the key and why.
///
/// Daemons exit with a non-zero code on it (configuration errors are the only reason a daemon
/// stops by itself). Values of keys that hold secrets are never included.
package struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The environment key (or flag) at fault.
    package var key: String
    /// Why it was rejected, e.g. `expected an integer, got "abc"`.
    package var reason: String

    package init(key: String, reason: String) {
        self.key = key
        self.reason = reason
    }

    package var description: String { "invalid setting \(key): \(reason)" }
}
