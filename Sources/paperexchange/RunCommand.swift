import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import Shared

/// `paperexchange run`: serves the Binance USDT-M futures REST protocol on loopback.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a local paper exchange that speaks the Binance USDT-M futures REST API.",
        discussion: """
            Point any Binance futures client at http://HOST:PORT instead of https://fapi.binance.com.
            On start it prints exactly one line to stdout, `paperexchange listening on http://HOST:PORT`
            (with --port 0 the port is the one the system picked); logs go to stderr.
            It stops on SIGTERM or SIGINT, saving --state first; while running, --state is written at most
            every --state-interval-ms (1000) while the account changes.

            Signed requests: header X-MBX-APIKEY = --api-key; `signature` = hex HMAC-SHA256, keyed by
            --api-secret, of the query string followed directly by the form body. `timestamp` must lie
            between real and simulated now, widened by `recvWindow` (default 5000 ms) into the past
            and 1000 ms into the future, so clients that sync their clock from /fapi/v1/time work
            at any --speed.

            Simulation: seeded prices with regimes (trend, chop, volatility spikes) and 1500 one-minute
            candles of history, or a klines CSV replayed with --replay SYMBOL=FILE; --speed simulated seconds pass per real second. Candles, funding
            (every 8 simulated hours), order and trade times and /fapi/v1/time use simulated time.
            MARKET orders fill at once at the mark ± --slippage-bps with the --fee-bps taker fee;
            LIMIT orders (GTC, IOC, FOK, GTX) fill at once when marketable, else rest until the mark
            reaches their price and fill there with the --maker-fee-bps fee.

            Admin API (only with --admin, which needs a token from --admin-token or PAPER_ADMIN_TOKEN;
            without one paperexchange refuses to start with exit code 78): every call sends the header
            X-Admin-Token: TOKEN (else HTTP 401, code -2015). POST /admin/price?symbol=&price=,
            POST /admin/advance?seconds=,
            POST /admin/faults?latencyMs=&failOrders=&dropOrders=&rateLimit=&retryAfter=&skewMs=
            (skewMs shifts the server clock: /fapi/v1/time and the timestamp check, so clients
            synced before get -1021), POST /admin/reset, GET /admin/state. The token never
            appears in a log or in /admin/state; prefer the environment to the flag, which other
            users can read in the process list.

            Metrics: GET /metrics (Prometheus text) on the same port: paperexchange_requests_total{outcome},
            paperexchange_orders_total{outcome}.

            Environment: PAPER_API_KEY, PAPER_API_SECRET, PAPER_ADMIN_TOKEN (instead of the flags), LOG_LEVEL.
            """)

    @Option(help: "Address to listen on (loopback by default).")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port: UInt16 = 8089

    @Option(name: .customLong("api-key"), help: "API key clients must send (default: $PAPER_API_KEY or paper-key).")
    var apiKey: String?

    @Option(
        name: .customLong("api-secret"), help: "API secret for signatures (default: $PAPER_API_SECRET or paper-secret)."
    )
    var apiSecret: String?

    @Option(help: "Comma-separated symbols to list (from BTCUSDT, ETHUSDT, SOLUSDT, ANKRUSDT, DOGEUSDT).")
    var symbols = "BTCUSDT,ETHUSDT,SOLUSDT,ANKRUSDT,DOGEUSDT"

    @Option(help: "Seed of the price process.")
    var seed: UInt64 = 42

    @Option(help: "Simulated seconds per real second.")
    var speed: Double = 1

    @Option(name: .customLong("fee-bps"), help: "Taker fee in basis points.")
    var feeBps: String = "4"

    @Option(name: .customLong("maker-fee-bps"), help: "Maker fee in basis points (LIMIT orders that rested).")
    var makerFeeBps: String = "2"

    @Option(name: .customLong("slippage-bps"), help: "Slippage of MARKET fills against the mark, in basis points.")
    var slippageBps: String = "1"

    @Option(help: "Starting USDT wallet balance.")
    var balance: String = "10000"

    @Option(
        name: .customLong("state"), help: "JSON file that keeps positions, orders, trades and balance across restarts.")
    var stateFile: String?

    @Option(
        name: .customLong("state-interval-ms"),
        help:
            "Least milliseconds between two writes of --state while the account changes (the whole file is written each time; 0 = after every change). A SIGKILL loses at most this much; SIGTERM always saves."
    )
    var stateIntervalMilliseconds: Int = 1000

    @Option(
        name: .customLong("replay"),
        help:
            "SYMBOL=FILE: replay a klines CSV in Binance's public-data format for SYMBOL (repeatable); its first rows form the history, the seeded process continues after its end."
    )
    var replay: [String] = []

    @Flag(help: "Serve the admin API under /admin/ (needs --admin-token or $PAPER_ADMIN_TOKEN).")
    var admin = false

    @Option(
        name: .customLong("admin-token"),
        help: "Token admin calls must send in X-Admin-Token (default: $PAPER_ADMIN_TOKEN; required with --admin).")
    var adminToken: String?

    @Option(
        name: .customLong("log-level"),
        help: "trace, debug, info, notice, warning, error or critical (default: $LOG_LEVEL or info).")
    var logLevel: String?

    func validate() throws {
        guard speed > 0, speed <= 10_000 else { throw ValidationError("--speed must be in (0, 10000]") }
        for (name, value) in [
            ("--fee-bps", feeBps), ("--maker-fee-bps", makerFeeBps), ("--slippage-bps", slippageBps),
            ("--balance", balance),
        ] {
            guard let decimal = Decimal(exchangeString: value), decimal >= 0 else {
                throw ValidationError("\(name) must be a non-negative decimal, got \(value)")
            }
        }
        _ = try makeConfiguration()
    }

    func makeConfiguration() throws -> ExchangeConfiguration {
        let environment = ProcessInfo.processInfo.environment
        var configuration = ExchangeConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.apiKey = apiKey ?? environment["PAPER_API_KEY"] ?? "paper-key"
        configuration.apiSecret = APISecret(apiSecret ?? environment["PAPER_API_SECRET"] ?? "paper-secret")
        do {
            configuration.symbols = try SymbolSpec.select(symbols.split(separator: ",").map(String.init))
        } catch {
            throw ValidationError(error.description)
        }
        guard !configuration.symbols.isEmpty else { throw ValidationError("--symbols lists no symbol") }
        configuration.seed = seed
        configuration.speed = speed
        configuration.feeBps = Decimal(exchangeString: feeBps) ?? 4
        configuration.slippageBps = Decimal(exchangeString: slippageBps) ?? 1
        configuration.makerFeeBps = Decimal(exchangeString: makerFeeBps) ?? 2
        configuration.startingBalance = Decimal(exchangeString: balance) ?? 10_000
        configuration.stateFile = stateFile
        guard (0...3_600_000).contains(stateIntervalMilliseconds) else {
            throw ValidationError("--state-interval-ms must lie between 0 and 3600000")
        }
        configuration.stateSaveInterval = .milliseconds(stateIntervalMilliseconds)
        configuration.adminEnabled = admin
        let token = adminToken ?? environment["PAPER_ADMIN_TOKEN"] ?? ""
        configuration.adminToken = token.isEmpty ? nil : APISecret(token)
        for entry in replay {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2,
                let spec = configuration.symbols.first(where: { $0.symbol == parts[0].uppercased() })
            else {
                throw ValidationError("--replay wants SYMBOL=FILE with a listed symbol, got \(entry)")
            }
            do {
                configuration.replays[spec.symbol] = try KlineReplay(path: parts[1])
            } catch {
                throw ValidationError(error.description)
            }
        }
        return configuration
    }

    func run() async throws {
        let configuration = try makeConfiguration()
        if configuration.adminEnabled, configuration.adminToken == nil {
            throw ExitStatus.fail(
                "paperexchange run: --admin needs a token: pass --admin-token TOKEN or set PAPER_ADMIN_TOKEN",
                code: ExitStatus.configuration)
        }
        var logger = try LoggingSetup.bootstrap(service: "paperexchange", environment: EnvironmentReader())
        if let logLevel {
            guard let level = Logger.Level(rawValue: logLevel.lowercased()) else {
                throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
            }
            logger.logLevel = level
        }
        PrometheusExport.bootstrap()
        let service = try ExchangeService(configuration: configuration, logger: logger) { host, port in
            // Written unbuffered: scripts and tests read the port from this line at once.
            FileHandle.standardOutput.write(Data("paperexchange listening on http://\(host):\(port)\n".utf8))
        }
        logger.info(
            "paperexchange starting",
            metadata: [
                "symbols": "\(configuration.symbols.map(\.symbol).joined(separator: ","))",
                "speed": "\(configuration.speed)", "admin": "\(configuration.adminEnabled)",
                "state": "\(configuration.stateFile ?? "none")",
            ])
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(
                        service: service, successTerminationBehavior: .gracefullyShutdownGroup,
                        failureTerminationBehavior: .gracefullyShutdownGroup)
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }
}
