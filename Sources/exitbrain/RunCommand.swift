import ArgumentParser
import Foundation
import Shared

/// `exitbrain run`: the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the exit-decision daemon (publishes exit plans to quantum:stream:apply.plan).",
        discussion: "Not built yet: tracked in issue #6. It exits with code 69 and starts nothing."
    )

    func run() async throws {
        let error = NotBuiltYet(command: "exitbrain run", issue: 6)
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        throw ExitCode(NotBuiltYet.exitCode)
    }
}
