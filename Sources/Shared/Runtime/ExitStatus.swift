import ArgumentParser
import FoundationEssentials

/// Exit codes with a meaning for scripts and systemd (sysexits.h).
package enum ExitStatus {
    /// A setting is missing or malformed (`EX_CONFIG`); systemd should not restart in a loop.
    package static let configuration: Int32 = 78
    /// A needed service cannot be reached (`EX_UNAVAILABLE`).
    package static let unavailable: Int32 = 69

    /// Prints `message` to stderr and returns the `ExitCode` to throw.
    package static func fail(_ message: String, code: Int32) -> ExitCode {
        StandardStreams.writeError("\(message)\n")
        return ExitCode(code)
    }

    /// Runs `body`, turning a ``ConfigurationError`` (or an exchange configuration error) into
    /// exit code 78 with a message naming the setting.
    package static func configuring<T>(_ command: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ConfigurationError {
            throw fail("\(command): \(error)", code: configuration)
        } catch let error as ExchangeError where error.code == .configuration {
            throw fail("\(command): invalid exchange setting: \(error.message)", code: configuration)
        }
    }
}
