/// A failed exchange call, with what the caller needs to decide what happened.
///
/// - ``Code-swift.struct/api``: Binance answered with an error body; ``binanceCode`` and
///   ``message`` are Binance's own (`-2022`, "ReduceOnly Order is rejected."), ``httpStatus`` its status.
/// - ``Code-swift.struct/unknownOutcome``: a state-changing request may or may not have been
///   executed (timeout, lost connection or 5xx after sending). Resolve it by querying the order by
///   its client id before doing anything else (see `Exchange.placeOrderIdempotent`).
/// - ``Code-swift.struct/rateLimited``: 429/418 and the retry budget (or `Retry-After`) ran out;
///   ``retryAfterSeconds`` says how long Binance asked to wait.
/// - ``Code-swift.struct/transport``: no response and the request was certainly not executed,
///   or a read whose retries ran out.
/// - ``Code-swift.struct/decoding``: a response that could not be understood.
/// - ``Code-swift.struct/invalidOrder``: refused locally before sending (filters, rounding).
/// - ``Code-swift.struct/dryRun``: a state-changing call attempted in `dry_run` mode.
/// - ``Code-swift.struct/configuration``: missing or malformed settings.
///
/// The message never contains the API key, the secret or a signature.
package struct ExchangeError: Error, Sendable, CustomStringConvertible {
    /// An opaque, stable error category; ``description`` is the stable wire string.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        package static let api = Code("exchange_rejected")
        package static let unknownOutcome = Code("unknown_outcome")
        package static let rateLimited = Code("rate_limited")
        package static let transport = Code("transport")
        package static let decoding = Code("decoding")
        package static let invalidOrder = Code("invalid_order")
        package static let dryRun = Code("dry_run")
        package static let configuration = Code("configuration")

        package var description: String { name }
    }

    package let code: Code
    /// Binance's error code (negative, e.g. -2022), when Binance sent one.
    package let binanceCode: Int?
    /// Binance's `msg`, or a description of the local failure.
    package let message: String
    /// The HTTP status of the response, when there was one.
    package let httpStatus: Int?
    /// The endpoint label (e.g. `POST /fapi/v1/order`), when known.
    package var endpoint: String?
    /// Seconds Binance asked to wait (`Retry-After`), for ``Code-swift.struct/rateLimited``.
    package var retryAfterSeconds: Int?

    package init(
        _ code: Code,
        binanceCode: Int? = nil,
        message: String,
        httpStatus: Int? = nil,
        endpoint: String? = nil,
        retryAfterSeconds: Int? = nil
    ) {
        self.code = code
        self.binanceCode = binanceCode
        self.message = message
        self.httpStatus = httpStatus
        self.endpoint = endpoint
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// True when Binance rejected the call with `code` (e.g. `-2013` order does not exist).
    package func isBinance(_ code: Int) -> Bool {
        self.code == .api && binanceCode == code
    }

    /// `exchange_rejected:<code>` for Binance rejections, else the category, as results carry it.
    package var resultCode: String {
        if code == .api, let binanceCode { return "exchange_rejected:\(binanceCode)" }
        return code.description
    }

    package var description: String {
        var parts = ["ExchangeError(\(code)"]
        if let binanceCode { parts.append("code \(binanceCode)") }
        if let httpStatus { parts.append("http \(httpStatus)") }
        if let endpoint { parts.append(endpoint) }
        if let retryAfterSeconds { parts.append("retry after \(retryAfterSeconds)s") }
        return parts.joined(separator: ", ") + "): " + message
    }
}
