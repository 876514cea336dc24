/// An error answered to the client the way Binance answers it: an HTTP status and a
/// `{"code": <negative int>, "msg": "<text>"}` body.
///
/// The messages are Binance's own (see shared/reference/binance-futures.md §3.5), because
/// some clients match on them (ccxt maps "No need to change margin type." by text).
struct ExchangeRejection: Error, Sendable, Equatable {
    /// HTTP status of the answer (400 for most, 401 for key problems, 404 for unknown paths).
    var status: Int
    /// Binance's negative error code.
    var code: Int
    /// Binance's message text.
    var message: String

    init(status: Int = 400, code: Int, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    static let invalidKey = ExchangeRejection(
        status: 401, code: -2015, "Invalid API-key, IP, or permissions for action.")
    /// An `/admin/` call without the right `X-Admin-Token` header (HTTP 401, Binance's `-2015`).
    static let adminUnauthorized = ExchangeRejection(
        status: 401, code: -2015, "Invalid admin token: send the token of --admin-token in the X-Admin-Token header.")
    static let invalidSignature = ExchangeRejection(code: -1022, "Signature for this request is not valid.")
    static let timestampOutsideWindow = ExchangeRejection(
        code: -1021, "Timestamp for this request is outside of the recvWindow.")
    static let timestampAhead = ExchangeRejection(
        code: -1021, "Timestamp for this request was 1000ms ahead of the server's time.")
    static let badSymbol = ExchangeRejection(code: -1121, "Invalid symbol.")
    static let badPrecision = ExchangeRejection(code: -1111, "Precision is over the maximum defined for this asset.")
    static let noSuchOrder = ExchangeRejection(code: -2013, "Order does not exist.")
    static let unknownOrder = ExchangeRejection(code: -2011, "Unknown order sent.")
    static let reduceOnlyRejected = ExchangeRejection(code: -2022, "ReduceOnly Order is rejected.")
    static let marginInsufficient = ExchangeRejection(code: -2019, "Margin is insufficient.")
    static let wouldImmediatelyTrigger = ExchangeRejection(code: -2021, "Order would immediately trigger.")
    static let quantityNotPositive = ExchangeRejection(code: -4003, "Quantity less than or equal to zero.")
    static let duplicateClientOrderID = ExchangeRejection(code: -4116, "ClientOrderId is duplicated.")
    static let invalidClientOrderID = ExchangeRejection(code: -4015, "Client order id is not valid.")
    static let useAlgoEndpoints = ExchangeRejection(
        code: -4120, "Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.")
    static let invalidOrderType = ExchangeRejection(code: -1116, "Invalid orderType.")
    static let invalidSide = ExchangeRejection(code: -1117, "Invalid side.")
    static let marginTypeUnchanged = ExchangeRejection(code: -4046, "No need to change margin type.")
    static let positionSideUnchanged = ExchangeRejection(code: -4059, "No need to change position side.")
    static let positionSideMismatch = ExchangeRejection(
        code: -4061, "Order's position side does not match user's setting.")
    static let unknownError = ExchangeRejection(
        status: 503, code: -1000, "Unknown error, please check your request or try again later.")

    /// `-1102`: a mandatory parameter is missing or malformed.
    static func mandatory(_ name: String) -> ExchangeRejection {
        ExchangeRejection(code: -1102, "Mandatory parameter '\(name)' was not sent, was empty/null, or malformed.")
    }

    /// `-1100`: illegal characters in a parameter.
    static func illegalCharacters(_ name: String) -> ExchangeRejection {
        ExchangeRejection(
            code: -1100,
            "Illegal characters found in parameter '\(name)'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.")
    }

    /// `-4164`: the order's notional is below the symbol's MIN_NOTIONAL.
    static func minNotional(_ notional: String) -> ExchangeRejection {
        ExchangeRejection(
            code: -4164, "Order's notional must be no smaller than \(notional) (unless you choose reduce only)")
    }

    /// `-4028`: a leverage outside 1...max.
    static func invalidLeverage(_ leverage: String) -> ExchangeRejection {
        ExchangeRejection(code: -4028, "Leverage \(leverage) is not valid")
    }

    /// `-4004`/`-4005`: quantity outside the lot-size bounds.
    static let quantityBelowMinimum = ExchangeRejection(code: -4004, "Quantity less than min quantity.")
    static let quantityAboveMaximum = ExchangeRejection(code: -4005, "Quantity greater than max quantity.")

    /// `-1003` with HTTP 429: the request-weight limit (injected by the admin API).
    static let tooManyRequests = ExchangeRejection(
        status: 429, code: -1003,
        "Too many requests; current limit is 2400 requests per minute. Please use the websocket for live updates to avoid polling the API."
    )

    /// Unknown path or method.
    static func notFound(_ method: String, _ path: String) -> ExchangeRejection {
        ExchangeRejection(status: 404, code: -1000, "Path \(path), Method \(method) is invalid")
    }
}
