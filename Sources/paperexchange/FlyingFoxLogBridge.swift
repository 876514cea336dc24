import FlyingSocks
import Logging

/// Sends FlyingFox's own log lines to swift-log (stderr) instead of its default print to stdout,
/// which would mix with the one line `paperexchange` promises on stdout.
struct FlyingFoxLogBridge: FlyingSocks.Logging {
    let logger: Logger

    func logDebug(_ debug: @autoclosure () -> String) { logger.trace("\(debug())") }
    func logInfo(_ info: @autoclosure () -> String) { logger.debug("\(info())") }
    func logWarning(_ warning: @autoclosure () -> String) { logger.warning("\(warning())") }
    func logError(_ error: @autoclosure () -> String) { logger.error("\(error())") }
    func logCritical(_ critical: @autoclosure () -> String) {
        let message = critical()
        // FlyingFox reports the cancellation that graceful shutdown uses to stop it as critical.
        if message.contains("CancellationError") || message.contains("Disconnected") {
            logger.debug("\(message)")
        } else {
            logger.critical("\(message)")
        }
    }
}
