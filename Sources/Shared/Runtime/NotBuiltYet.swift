/// A subcommand whose feature is not built yet: it says which issue tracks it and exits with
/// `EX_UNAVAILABLE` (69), so scripts and systemd see a clear failure instead of a silent no-op.
package struct NotBuiltYet: Error, CustomStringConvertible {
    package var command: String
    package var issue: Int

    package init(command: String, issue: Int) {
        self.command = command
        self.issue = issue
    }

    package var description: String {
        "\(command): not built yet (tracked in issue #\(issue)); nothing was started"
    }

    /// `EX_UNAVAILABLE` from sysexits.h.
    package static let exitCode: Int32 = 69
}
