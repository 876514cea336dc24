import FoundationEssentials

/// Stable consumer names (`{host}:{service}`), never a PID, so a restarted process finds its
/// own pending entries.
package enum ConsumerName {
    /// `STREAM_CONSUMER_NAME` when set, else `{hostname}:{service}`.
    package static func resolve(service: String, environment: EnvironmentReader) -> String {
        if let explicit = environment.string("STREAM_CONSUMER_NAME") { return explicit }
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "localhost"
        return "\(host):\(service)"
    }
}
