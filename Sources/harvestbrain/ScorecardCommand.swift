import ArgumentParser
import FoundationEssentials
import Shared

/// `harvestbrain scorecard`: the desk's six checks with PASS/FAIL and the number behind each.
struct ScorecardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scorecard",
        abstract: "Check the desk's six harvest questions over a recent window.",
        discussion: """
            Checks: exit plans produced per hour, exit plans executed per hour, duplicate entries \
            blocked, services alive (heartbeat keys quantum:heartbeat:{service}:*), realized PnL \
            growth, harvest activity (results consumed, consumer lag, pending count, oldest pending).

            Reads DATABASE_URL and REDIS_URL (or REDIS_HOST/REDIS_PORT). Thresholds default to the \
            desk's and can be set with SCORECARD_MIN_PLANS_PER_HOUR (10), SCORECARD_MIN_EXECUTED_PER_HOUR \
            (1), SCORECARD_MIN_DUPLICATE_BLOCKED (0.95), SCORECARD_SERVICES \
            (exitbrain,applylayer,harvestbrain), SCORECARD_HEARTBEAT_MAX_AGE_SEC (120), \
            SCORECARD_MIN_PNL_GROWTH (unset: realized PnL booked at all; set: net above it), SCORECARD_MAX_LAG (100), SCORECARD_MAX_PENDING (100), \
            SCORECARD_MAX_PENDING_AGE_SEC (300).

            Exit status: 0 when every check passes; 1 when one fails; 2 when the database or Redis \
            cannot be read; 64 on an invalid option; 78 when a setting is missing or malformed.
            """
    )

    @Option(help: "The window to judge, ending now: 30m, 1h, 24h, 1h30m, 7d.")
    var window = "1h"

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: "The result stream harvestbrain consumes.")
    var stream = "quantum:stream:apply.result"

    @Option(help: "harvestbrain's consumer group on that stream.")
    var group = "harvest_brain:execution"

    func validate() throws {
        do {
            _ = try ReportTime.duration(window)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        let seconds = try ReportTime.duration(window)
        let database = try ReportCommand.database(command: "scorecard")
        let scorecard: Scorecard
        do {
            let environment = EnvironmentReader()
            let redis = RedisClient(
                configuration: try RedisConfiguration(environment: environment), name: "scorecard",
                logger: ReportCommand.logger())
            scorecard = Scorecard(
                database: database, redis: redis, thresholds: try Scorecard.Thresholds(environment: environment),
                resultStream: stream, group: group)
        } catch {
            throw ReportCommand.fail("scorecard", error.description, code: ExitStatus.configuration)
        }
        let report: ScorecardReport
        do {
            report = try await scorecard.evaluate(window: seconds)
        } catch {
            throw ReportCommand.fail("scorecard", error.description, code: 2)
        }
        print(json ? report.json() : report.text(), terminator: json ? "\n" : "")
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
