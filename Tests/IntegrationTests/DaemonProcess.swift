import Foundation

@testable import Shared

/// One of the built binaries (exitbrain, applylayer, harvestbrain, paperexchange) run as a child
/// process with exactly the environment a test gives it, stdout and stderr captured together in
/// one file (what journald would keep).
///
/// Binaries are looked up where ``PaperExchangeProcess/binary()`` finds `paperexchange`
/// (`$QT_BIN_DIR` first).
final class DaemonProcess: @unchecked Sendable {
    let name: String
    let process: Process
    let outputFile: URL

    private init(name: String, process: Process, outputFile: URL) {
        self.name = name
        self.process = process
        self.outputFile = outputFile
    }

    /// The built binary `name`.
    static func binary(_ name: String) throws -> URL {
        let url = try PaperExchangeProcess.binary().deletingLastPathComponent().appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw PaperExchangeProcess.LaunchError(description: "\(name) not built at \(url.path); set QT_BIN_DIR")
        }
        return url
    }

    /// What every child gets besides the test's own settings (nothing of the test's environment).
    static let baseEnvironment = ["PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"]

    /// Starts `name arguments…` in the background.
    static func start(_ name: String, _ arguments: [String], environment: [String: String]) throws -> DaemonProcess {
        let process = Process()
        process.executableURL = try binary(name)
        process.arguments = arguments
        process.environment = baseEnvironment.merging(environment) { _, given in given }
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "qt-\(name)-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: outputFile)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? handle.close()
        return DaemonProcess(name: name, process: process, outputFile: outputFile)
    }

    /// Runs `name arguments…` to its end (SIGKILL after `timeout`); returns its exit status and
    /// everything it wrote to stdout and stderr.
    static func run(
        _ name: String, _ arguments: [String], environment: [String: String], timeout: Duration = .seconds(30)
    ) async throws -> (status: Int32, output: String) {
        let daemon = try start(name, arguments, environment: environment)
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while daemon.process.isRunning && clock.now < deadline { try await Task.sleep(for: .milliseconds(25)) }
        if daemon.process.isRunning { kill(daemon.process.processIdentifier, SIGKILL) }
        daemon.process.waitUntilExit()
        return (daemon.process.terminationStatus, daemon.output)
    }

    /// Everything written so far.
    var output: String {
        String(decoding: (try? Data(contentsOf: outputFile)) ?? Data(), as: UTF8.self)
    }

    var isRunning: Bool { process.isRunning }

    /// Waits until the output contains `text` (or the process ended, or `timeout` passed).
    func waitForOutput(_ text: String, timeout: Duration = .seconds(30)) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if output.contains(text) { return true }
            if !process.isRunning { return output.contains(text) }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return output.contains(text)
    }

    /// SIGTERM, then SIGKILL after 15 s; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(15)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: outputFile)
    }
}
