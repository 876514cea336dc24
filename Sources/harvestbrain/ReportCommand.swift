import ArgumentParser
import FoundationEssentials
import Logging
import Shared

/// `harvestbrain report`: realized PnL, fees and funding per day/week/month, symbol, exit reason
/// and plan source, with trade statistics, as a table, JSON or CSV, and optionally an SVG chart.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the realized-PnL report of the ledger.",
        discussion: """
            Reads DATABASE_URL (postgresql://user@host:port/database). --since and --until take a UTC \
            date (2026-11-25: from 00:00 UTC; as --until the whole day is included) or an RFC 3339 \
            time (2026-11-25T10:00:00Z; as --until it is excluded). Money is summed from orders and \
            funding by when they happened; trade statistics cover round trips closed in the period; \
            max drawdown is that of the cumulative net PnL curve (realized - commission + funding).

            --format json prints one object: period, totals {realized_pnl, commission, funding, \
            net_pnl, trades, wins, losses}, by_day, by_week, by_month, by_symbol, by_exit_reason, \
            by_source and stats, decimals as strings. --format csv prints section,key,metric,value.

            Exit status: 0 on success; 1 when the chart cannot be written; 2 when the database \
            cannot be read; 64 on an invalid option; 78 when DATABASE_URL is missing or malformed.
            """
    )

    /// Output formats of the report.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @Option(help: "Start: a UTC date (2026-11-25) or an RFC 3339 time. Default: the beginning of the ledger.")
    var since: String?

    @Option(help: "End: a UTC date (inclusive) or an RFC 3339 time (exclusive). Default: now and later.")
    var until: String?

    @Option(help: "Only this symbol, e.g. BTCUSDT.")
    var symbol: String?

    @Option(help: "table, json or csv.")
    var format: Format = .table

    @Option(
        name: .customLong("chart"),
        help: ArgumentHelp("Also write the equity curve as an SVG file.", valueName: "file.svg"))
    var chart: String?

    func validate() throws {
        _ = try filter()
    }

    func run() async throws {
        let filter = try filter()
        let database = try Self.database(command: "report")
        let summary: LedgerSummary
        do {
            summary = try await LedgerReport(database: database).summary(filter)
        } catch {
            throw Self.fail("report", error.description, code: 2)
        }
        switch format {
        case .table: print(summary.table(), terminator: "")
        case .json: print(summary.json())
        case .csv: print(summary.csv(), terminator: "")
        }
        if let chart {
            do {
                try EquityChart().write(summary.equity, to: chart)
            } catch {
                throw Self.fail("report", error.description, code: 1)
            }
        }
    }

    private func filter() throws -> ReportFilter {
        do throws(ReportInputError) {
            let start = try since.map { text throws(ReportInputError) in try ReportTime.start(text) }
            let end = try until.map { text throws(ReportInputError) in try ReportTime.end(text) }
            if let start, let end, end <= start {
                throw ReportInputError(option: "--until", reason: "must be after --since")
            }
            return ReportFilter(since: start, until: end, symbol: symbol)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

extension ReportCommand {
    /// Writes `harvestbrain {command}: {message}` to stderr and returns the exit code to throw.
    static func fail(_ command: String, _ message: String, code: Int32) -> ExitCode {
        StandardStreams.writeError("harvestbrain \(command): \(message)\n")
        return ExitCode(code)
    }

    /// A logger to stderr for the clients; only errors, since the command reports failures itself.
    static func logger() -> Logger {
        var logger = Logger(label: "harvestbrain", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .error
        return logger
    }

    /// The ledger database from DATABASE_URL; exits 78 (`EX_CONFIG`) naming the setting when it is
    /// missing or malformed.
    static func database(command: String) throws -> PostgresClient {
        do {
            let configuration = try PostgresConfiguration(environment: EnvironmentReader())
            return PostgresClient(configuration: configuration, name: "ledger", logger: logger())
        } catch {
            throw fail(command, error.description, code: ExitStatus.configuration)
        }
    }
}
