import ArgumentParser
import FoundationEssentials
import Logging
import Shared

/// `harvestbrain reconcile`: ledger realized PnL, commissions and funding against the exchange's
/// income history per symbol and UTC day; prints and records the drift.
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Compare the ledger with the exchange's income history per symbol and day.",
        discussion: """
            Reads DATABASE_URL. The exchange's income history (/fapi/v1/income: REALIZED_PNL, \
            COMMISSION, FUNDING_FEE) is read from the exchange (BINANCE_BASE_URL, BINANCE_API_KEY, \
            BINANCE_API_SECRET; EXCHANGE_MODE paper|testnet|live picks the default URL), every page, or \
            from --income-file, a saved JSON array in Binance's shape ('-' for standard input). Income rows are recorded in ledger_income, funding fees in \
            ledger_funding and on the round trip open at the time (each once), and one \
            ledger_reconciliations row per symbol-day.

            Drift per symbol-day = |realized difference| + |commission difference| + |funding \
            difference|, in the quote asset; commissions are compared as positive costs.

            Exit status: 0 when every symbol-day is within --tolerance; 1 when one is not; 2 when \
            the exchange income or the database cannot be read; 64 on an invalid option; 78 when \
            DATABASE_URL is missing or malformed.
            """
    )

    @Option(help: "Start: a UTC date (2026-11-25) or an RFC 3339 time.")
    var since: String

    @Option(help: "End: a UTC date (inclusive) or an RFC 3339 time (exclusive). Default: now.")
    var until: String?

    @Option(help: "Allowed drift per symbol-day, in the quote asset.")
    var tolerance = "0.01"

    @Option(
        help: ArgumentHelp("The exchange's income history as JSON ('-' for standard input).", valueName: "file.json"))
    var incomeFile: String?

    @Option(help: "The exchange name recorded with income and reconciliation rows.")
    var exchange = "binance_usdm"

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        _ = try period()
        _ = try toleranceValue()
    }

    func run() async throws {
        let (start, end) = try period()
        let tolerance = try toleranceValue()
        let source: any IncomeSource
        if let incomeFile {
            source = BinanceIncomeFile(path: incomeFile)
        } else {
            let configuration = try ExitStatus.configuring("harvestbrain reconcile") {
                try BinanceFuturesClient.Configuration(environment: EnvironmentReader().values)
            }
            var logger = Logger(label: "harvestbrain.reconcile")
            logger.logLevel = .warning
            source = ExchangeIncomeSource(exchange: BinanceFuturesClient(configuration: configuration, logger: logger))
        }
        let income: [IncomeRow]
        do {
            income = try await source.income(from: start, until: end)
        } catch {
            throw ReportCommand.fail("reconcile", error.description, code: 2)
        }
        let database = try ReportCommand.database(command: "reconcile")
        let result: Reconciliation
        do {
            result = try await Reconciler(database: database, exchange: exchange)
                .reconcile(income: income, since: start, until: end, tolerance: tolerance)
        } catch {
            throw ReportCommand.fail("reconcile", error.description, code: 2)
        }
        print(json ? result.json() : result.text(), terminator: json ? "\n" : "")
        if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    }

    private func period() throws -> (Date, Date) {
        do throws(ReportInputError) {
            let start = try ReportTime.start(since)
            let end = try until.map { text throws(ReportInputError) in try ReportTime.end(text) } ?? Date()
            guard end > start else { throw ReportInputError(option: "--until", reason: "must be after --since") }
            return (start, end)
        } catch {
            throw ValidationError(error.description)
        }
    }

    private func toleranceValue() throws -> Decimal {
        guard tolerance.allSatisfy({ $0.isNumber || $0 == "." }),
            let value = Decimal(string: tolerance, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN
        else {
            throw ValidationError(
                "invalid --tolerance: expected a non-negative decimal such as 0.01, got \"\(tolerance)\"")
        }
        return value
    }
}
