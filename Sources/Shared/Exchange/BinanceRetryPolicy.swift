/// What to do after a failed attempt: the retry rules of reference §3.6, as pure functions.
///
/// - Nothing sent (connection refused): always repeatable.
/// - 429/418: repeat after `Retry-After` (or the backoff), while it is at most `maxRetryAfter`.
/// - `-1008` throttling (a definite rejection): repeat with backoff.
/// - Transport error after a possible send, 5xx or 408: repeat reads; for orders and cancels
///   the outcome is unknown and is never repeated.
/// - Any other error response: final.
struct BinanceRetryPolicy: Sendable {
    /// Try again after a delay, or give up with this error.
    enum Decision: Sendable {
        case retry(after: Duration, reason: String)
        case fail(ExchangeError)
    }

    var maxAttempts: Int
    var initialBackoff: Duration
    var maxBackoff: Duration
    var maxRetryAfter: Duration

    /// Delay before attempt `attempt + 1`: initial × 2^(attempt − 1), capped.
    func backoff(afterAttempt attempt: Int) -> Duration {
        var delay = initialBackoff
        for _ in 1..<max(1, attempt) where delay < maxBackoff { delay *= 2 }
        return min(delay, maxBackoff)
    }

    func afterTransportError(_ error: HTTPError, endpoint: BinanceEndpoint, attempt: Int) -> Decision {
        // Orders and cancels are repeated only after a refused connection: no byte can have reached
        // the exchange. A timeout counts as "maybe sent" even before curl's pre-transfer mark (seen
        // under load: the probe said "not sent" for a request the server had received).
        let certainlyNotSent = error.code == .connectFailed && !error.requestMayHaveBeenSent
        let canRepeat = endpoint.repeatability == .safe || certainlyNotSent
        if canRepeat, attempt < maxAttempts {
            return .retry(after: backoff(afterAttempt: attempt), reason: "transport")
        }
        let code: ExchangeError.Code = canRepeat ? .transport : .unknownOutcome
        return .fail(ExchangeError(code, message: "\(error.code): \(error.message)", endpoint: endpoint.label))
    }

    func afterFailure(_ failure: ExchangeError, endpoint: BinanceEndpoint, attempt: Int) -> Decision {
        let more = attempt < maxAttempts
        if failure.code == .rateLimited {
            let asked = Duration.seconds(failure.retryAfterSeconds ?? 0)
            guard more, asked <= maxRetryAfter else { return .fail(failure) }
            return .retry(after: max(asked, backoff(afterAttempt: attempt)), reason: "rate_limit")
        }
        if failure.binanceCode == BinanceErrorCode.throttled, more {
            return .retry(after: backoff(afterAttempt: attempt), reason: "server")
        }
        if let status = failure.httpStatus, status >= 500 || status == 408, failure.code != .unknownOutcome, more {
            return .retry(after: backoff(afterAttempt: attempt), reason: "server")
        }
        return .fail(failure)
    }

    /// The error for a non-2xx response: Binance's code and message when the body has them.
    ///
    /// The body itself is never copied into the error (it could echo request data).
    static func failure(status: Int, headers: [String: String], body: [UInt8], endpoint: BinanceEndpoint)
        -> ExchangeError
    {
        let json = try? BinanceJSON.parse(body)
        let binanceCode = json?["code"]?.int64.map { Int($0) }
        let message = json?["msg"]?.stringValue ?? "HTTP \(status) (\(body.count)-byte non-JSON body)"
        let code: ExchangeError.Code
        var retryAfter: Int?
        switch status {
        case 429, 418:
            code = .rateLimited
            retryAfter = headers["retry-after"].flatMap { Int($0.trimmingSpaces) }
        case 500..., 408:
            let definite = binanceCode == BinanceErrorCode.throttled
            code =
                endpoint.repeatability == .unsafe && !definite
                ? .unknownOutcome : (binanceCode == nil ? .transport : .api)
        default:
            code = .api
        }
        return ExchangeError(
            code, binanceCode: binanceCode, message: message, httpStatus: status,
            endpoint: endpoint.label, retryAfterSeconds: retryAfter
        )
    }
}

extension String {
    /// The text without leading and trailing spaces, in one pass over the UTF-8 bytes (a header
    /// value can be long; walking `Character`s backwards took seconds on 1 MB).
    fileprivate var trimmingSpaces: String {
        let bytes = utf8
        guard let start = bytes.firstIndex(where: { $0 != 0x20 }), let end = bytes.lastIndex(where: { $0 != 0x20 })
        else { return "" }
        return String(self[start...end])
    }
}
