import FoundationEssentials
import Logging
import Metrics

/// The ``Exchange`` over Binance's USDⓈ-M futures REST API (or `paperexchange`, same protocol).
///
/// Signs as Binance does (``BinanceRequestSigner``), keeps a server-time offset (measured on the
/// first signed call, re-measured once on `-1021`), caches `exchangeInfo`, retries only what is
/// safe (``BinanceRetryPolicy``) and exports rate-limit headers as metrics (``BinanceMetrics``).
///
/// `Sendable`: immutable configuration and collaborators; the clock offset and the cache live in
/// an actor.
package final class BinanceFuturesClient: Exchange {
    package let configuration: Configuration
    let http: CurlHTTPClient
    let logger: Logger
    let metrics: BinanceMetrics
    let state = BinanceClientState()
    let signer: BinanceRequestSigner
    let policy: BinanceRetryPolicy
    /// Local wall clock in ms since the epoch (injectable for tests).
    let now: @Sendable () -> Int64

    package init(
        configuration: Configuration,
        logger: Logger,
        http: CurlHTTPClient? = nil,
        metricsFactory: (any MetricsFactory)? = nil,
        now: @escaping @Sendable () -> Int64 = { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
    ) {
        self.configuration = configuration
        self.logger = logger
        self.http =
            http
            ?? CurlHTTPClient(
                configuration: .init(
                    connectTimeout: configuration.connectTimeout, totalTimeout: configuration.requestTimeout))
        self.signer = BinanceRequestSigner(secret: configuration.apiSecret)
        self.policy = BinanceRetryPolicy(
            maxAttempts: configuration.maxAttempts, initialBackoff: configuration.initialBackoff,
            maxBackoff: configuration.maxBackoff, maxRetryAfter: configuration.maxRetryAfter)
        self.metrics = metricsFactory.map { BinanceMetrics(factory: $0) } ?? BinanceMetrics()
        self.now = now
    }

    /// Calls `endpoint` with `params` (in order) and returns the parsed JSON body of a 2xx.
    ///
    /// Signed endpoints get `recvWindow`, `timestamp` (local clock + server offset) and
    /// `signature`; everything is sent in the query string with an empty body.
    func call(_ endpoint: BinanceEndpoint, _ params: [(String, String)] = []) async throws(ExchangeError) -> BinanceJSON
    {
        try await callAnswered(endpoint, params).json
    }

    /// ``call(_:_:)``, also returning the HTTP response the JSON came from (for its timing).
    func callAnswered(_ endpoint: BinanceEndpoint, _ params: [(String, String)] = []) async throws(ExchangeError)
        -> (json: BinanceJSON, response: CurlHTTPClient.Response)
    {
        if endpoint.mutates, !configuration.sendsOrders {
            throw ExchangeError(.dryRun, message: "dry_run: \(endpoint.label) not sent", endpoint: endpoint.label)
        }
        var attempt = 0
        var resynced = false
        while true {
            attempt += 1
            var query = BinanceRequestSigner.encode(params)
            if endpoint.signed {
                let offset = try await serverTimeOffset()
                query = signer.signedQuery(params, timestamp: now() + offset, recvWindow: configuration.recvWindow)
            }
            let url = configuration.baseURL + endpoint.path + (query.isEmpty ? "" : "?" + query)
            var headers: [(name: String, value: String)] = [("Accept", "application/json")]
            if !configuration.apiKey.isEmpty { headers.append(("X-MBX-APIKEY", configuration.apiKey)) }
            if endpoint.method != .get { headers.append(("Content-Type", "application/x-www-form-urlencoded")) }

            let decision: BinanceRetryPolicy.Decision
            do {
                let response = try await http.send(.init(method: endpoint.method, url: url, headers: headers))
                metrics.request(endpoint, status: response.status)
                metrics.rateLimits(response.headers)
                if (200..<300).contains(response.status) {
                    do {
                        return (try BinanceJSON.parse(response.body), response)
                    } catch {
                        // A state-changing call that got a 2xx was executed; only its answer is lost.
                        let code: ExchangeError.Code = endpoint.repeatability == .unsafe ? .unknownOutcome : .decoding
                        throw ExchangeError(
                            code, message: error.message, httpStatus: response.status, endpoint: endpoint.label)
                    }
                }
                let failure = BinanceRetryPolicy.failure(
                    status: response.status, headers: response.headers, body: response.body, endpoint: endpoint)
                if failure.binanceCode == BinanceErrorCode.invalidTimestamp, endpoint.signed, !resynced {
                    resynced = true
                    attempt -= 1
                    metrics.retry(endpoint, reason: "timestamp")
                    logger.warning(
                        "exchange timestamp rejected, resyncing clock", metadata: ["endpoint": "\(endpoint.label)"])
                    try await syncServerTime()
                    continue
                }
                decision = policy.afterFailure(failure, endpoint: endpoint, attempt: attempt)
            } catch let error as HTTPError {
                metrics.request(endpoint, status: nil)
                decision = policy.afterTransportError(error, endpoint: endpoint, attempt: attempt)
            } catch let error as ExchangeError {
                throw error
            } catch {
                throw ExchangeError(.transport, message: "\(error)", endpoint: endpoint.label)
            }

            switch decision {
            case .fail(let error):
                logger.debug(
                    "exchange call failed",
                    metadata: [
                        "endpoint": "\(endpoint.label)", "error.code": "\(error.code)",
                        "binance.code": "\(error.binanceCode.map(String.init) ?? "")", "attempt": "\(attempt)",
                    ])
                throw error
            case .retry(let delay, let reason):
                metrics.retry(endpoint, reason: reason)
                logger.info(
                    "exchange call retried",
                    metadata: [
                        "endpoint": "\(endpoint.label)", "reason": "\(reason)", "attempt": "\(attempt)",
                        "delay": "\(delay)",
                    ])
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    throw ExchangeError(
                        .transport, message: "cancelled while waiting to retry", endpoint: endpoint.label)
                }
            }
        }
    }

    /// The offset (server − local, ms) to add to the local clock, measured once when unknown.
    func serverTimeOffset() async throws(ExchangeError) -> Int64 {
        if let offset = await state.timeOffset { return offset }
        return try await syncServerTime()
    }

    /// Measures the server-time offset from `GET /fapi/v1/time`, assuming a symmetric delay.
    ///
    /// The send and receive instants are those of the transfer itself (taken on the thread that
    /// ran it): a task resumed seconds after the answer arrived, on a busy machine, would otherwise
    /// measure a skewed offset and have its next signed requests refused (-1021).
    @discardableResult
    func syncServerTime() async throws(ExchangeError) -> Int64 {
        let before = Date().timeIntervalSince1970
        let sent = now()
        let (json, response) = try await callAnswered(.time)
        let server = try json.int64("serverTime")
        let after = Date().timeIntervalSince1970
        let waitedBefore = response.transferStarted > 0 ? max(0, response.transferStarted - before) : 0
        let waitedAfter = response.transferFinished > 0 ? max(0, after - response.transferFinished) : 0
        let received = now() - Int64(waitedAfter * 1000)
        let started = min(sent + Int64(waitedBefore * 1000), received)
        let offset = server - (started + received) / 2
        await state.setTimeOffset(offset)
        logger.debug("exchange clock synced", metadata: ["offset.ms": "\(offset)", "rtt.ms": "\(received - started)"])
        return offset
    }
}
