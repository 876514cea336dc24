import Logging

/// Process-wide logging: swift-log to stderr, one line per event, so journald keeps it.
package enum LoggingSetup {
    /// Bootstraps logging once per process and returns the root logger labelled `service`.
    ///
    /// - `LOG_LEVEL` (string, default `info`): `trace`, `debug`, `info`, `notice`, `warning`, `error`, `critical`.
    ///
    /// - Important: Call it only from `@main` (swift-log allows one bootstrap per process).
    package static func bootstrap(service: String, environment: EnvironmentReader) throws(ConfigurationError) -> Logger
    {
        let level = try logLevel(environment)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: service)
        logger.logLevel = level
        return logger
    }

    /// Parses `LOG_LEVEL`.
    package static func logLevel(_ environment: EnvironmentReader) throws(ConfigurationError) -> Logger.Level {
        guard let raw = environment.string("LOG_LEVEL") else { return .info }
        guard let level = Logger.Level(rawValue: raw.lowercased()) else {
            let allowed = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigurationError(key: "LOG_LEVEL", reason: "expected one of \(allowed), got \"\(raw)\"")
        }
        return level
    }
}
