extension BinanceFuturesClient {
    /// Where the client connects, with which key, and how patiently.
    ///
    /// `description` shows no secret (``APISecret`` prints `<redacted>`; the key is shortened).
    package struct Configuration: Sendable, CustomStringConvertible, CustomReflectable {
        /// Trading mode; decides the default base URL and whether orders may be sent.
        package enum Mode: String, Sendable, CaseIterable {
            /// The local `paperexchange` (default).
            case paper
            /// Reads only: every state-changing call throws `.dryRun` before any I/O.
            case dryRun = "dry_run"
            /// Binance futures testnet.
            case testnet
            /// Binance production.
            case live

            /// The REST base URL of this mode.
            package var defaultBaseURL: String {
                switch self {
                case .paper: "http://127.0.0.1:8089"
                case .dryRun, .testnet: "https://testnet.binancefuture.com"
                case .live: "https://fapi.binance.com"
                }
            }
        }

        package var mode: Mode
        /// REST base URL without a trailing slash, e.g. `https://fapi.binance.com`.
        package var baseURL: String
        package var apiKey: String
        package var apiSecret: APISecret
        /// `recvWindow` sent with signed requests, ms (Binance's default 5000).
        package var recvWindow: Int
        /// TCP/TLS connect timeout.
        package var connectTimeout: Duration
        /// Whole-request timeout.
        package var requestTimeout: Duration
        /// Attempts per call for retryable failures (reads, 429/418, connect failures), ≥ 1.
        package var maxAttempts: Int
        /// First retry delay; doubled per attempt up to ``maxBackoff``.
        package var initialBackoff: Duration
        /// Longest delay between two attempts.
        package var maxBackoff: Duration
        /// A `Retry-After` longer than this is not waited for: the call fails `.rateLimited`.
        package var maxRetryAfter: Duration
        /// How long `exchangeInfo` is cached.
        package var exchangeInfoTTL: Duration

        package init(
            mode: Mode = .paper,
            baseURL: String? = nil,
            apiKey: String = "",
            apiSecret: APISecret = APISecret(""),
            recvWindow: Int = 5000,
            connectTimeout: Duration = .seconds(3),
            requestTimeout: Duration = .seconds(10),
            maxAttempts: Int = 3,
            initialBackoff: Duration = .milliseconds(200),
            maxBackoff: Duration = .seconds(5),
            maxRetryAfter: Duration = .seconds(30),
            exchangeInfoTTL: Duration = .seconds(3600)
        ) {
            self.mode = mode
            var url = baseURL ?? mode.defaultBaseURL
            while url.hasSuffix("/") { url.removeLast() }
            self.baseURL = url
            self.apiKey = apiKey
            self.apiSecret = apiSecret
            self.recvWindow = recvWindow
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.maxAttempts = max(1, maxAttempts)
            self.initialBackoff = initialBackoff
            self.maxBackoff = maxBackoff
            self.maxRetryAfter = maxRetryAfter
            self.exchangeInfoTTL = exchangeInfoTTL
        }

        /// Reads the configuration from environment variables.
        ///
        /// | key | type | default |
        /// |---|---|---|
        /// | `EXCHANGE_MODE` | `paper` \| `dry_run` \| `testnet` \| `live` (ignored when `mode` is passed) | `paper` |
        /// | `BINANCE_BASE_URL` | URL | by mode: paper `http://127.0.0.1:8089`, dry_run and testnet `https://testnet.binancefuture.com`, live `https://fapi.binance.com` |
        /// | `BINANCE_API_KEY` | string | `BINANCE_TESTNET_API_KEY`, else empty |
        /// | `BINANCE_API_SECRET` | string (never logged) | `BINANCE_TESTNET_API_SECRET`, else empty |
        /// | `BINANCE_RECV_WINDOW` | integer ms, 1…60000 | 5000 |
        /// | `BINANCE_CONNECT_TIMEOUT_MS` | integer ms | 3000 |
        /// | `BINANCE_REQUEST_TIMEOUT_MS` | integer ms | 10000 |
        /// | `BINANCE_MAX_ATTEMPTS` | integer ≥ 1 | 3 |
        /// | `BINANCE_MAX_RETRY_AFTER_MS` | integer ms | 30000 |
        /// | `BINANCE_EXCHANGE_INFO_TTL_S` | integer seconds | 3600 |
        ///
        /// - Throws: ``ExchangeError`` `.configuration` for an unknown mode or a malformed number,
        ///   and when a `testnet` or `live` mode has no key or secret.
        package init(environment: [String: String], mode: Mode? = nil) throws(ExchangeError) {
            func value(_ key: String) -> String? {
                guard let raw = environment[key]?.trimmingWhitespace, !raw.isEmpty else { return nil }
                return raw
            }
            func integer(_ key: String, _ fallback: Int, _ range: ClosedRange<Int>) throws(ExchangeError) -> Int {
                guard let raw = value(key) else { return fallback }
                guard let number = Int(raw), range.contains(number) else {
                    throw ExchangeError(
                        .configuration,
                        message: "\(key) must be an integer in \(range.lowerBound)...\(range.upperBound)")
                }
                return number
            }
            let resolvedMode: Mode
            if let mode {
                resolvedMode = mode
            } else if let raw = value("EXCHANGE_MODE") {
                guard let parsed = Mode(rawValue: raw.lowercased()) else {
                    throw ExchangeError(
                        .configuration, message: "EXCHANGE_MODE must be one of paper, dry_run, testnet, live")
                }
                resolvedMode = parsed
            } else {
                resolvedMode = .paper
            }
            let key = value("BINANCE_API_KEY") ?? value("BINANCE_TESTNET_API_KEY") ?? ""
            let secret = value("BINANCE_API_SECRET") ?? value("BINANCE_TESTNET_API_SECRET") ?? ""
            if resolvedMode == .testnet || resolvedMode == .live, key.isEmpty || secret.isEmpty {
                throw ExchangeError(
                    .configuration,
                    message: "mode \(resolvedMode.rawValue) needs BINANCE_API_KEY and BINANCE_API_SECRET")
            }
            let day = 86_400_000
            self.init(
                mode: resolvedMode,
                baseURL: value("BINANCE_BASE_URL"),
                apiKey: key,
                apiSecret: APISecret(secret),
                recvWindow: try integer("BINANCE_RECV_WINDOW", 5000, 1...60_000),
                connectTimeout: .milliseconds(try integer("BINANCE_CONNECT_TIMEOUT_MS", 3000, 1...day)),
                requestTimeout: .milliseconds(try integer("BINANCE_REQUEST_TIMEOUT_MS", 10_000, 1...day)),
                maxAttempts: try integer("BINANCE_MAX_ATTEMPTS", 3, 1...20),
                maxRetryAfter: .milliseconds(try integer("BINANCE_MAX_RETRY_AFTER_MS", 30_000, 0...day)),
                exchangeInfoTTL: .seconds(try integer("BINANCE_EXCHANGE_INFO_TTL_S", 3600, 0...day))
            )
        }

        /// True for modes in which state-changing calls may be sent.
        package var sendsOrders: Bool { mode != .dryRun }

        package var description: String {
            let shownKey = apiKey.isEmpty ? "<none>" : String(apiKey.prefix(4)) + "…"
            return "Binance(mode: \(mode.rawValue), baseURL: \(baseURL), apiKey: \(shownKey), "
                + "apiSecret: \(apiSecret), recvWindow: \(recvWindow))"
        }

        /// `dump` and debuggers show ``description`` only, never the key or the secret.
        package var customMirror: Mirror { Mirror(self, children: ["description": description]) }
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}
