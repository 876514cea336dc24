/// One REST endpoint of the futures API, with what the client must know to call it safely.
struct BinanceEndpoint: Sendable, Hashable {
    /// Whether an attempt that may have reached the server can be repeated.
    enum Repeat: Sendable, Hashable {
        /// Reads (and idempotent settings): retried on transport errors and 5xx.
        case safe
        /// Creates or cancels something: after a possible send, the outcome is unknown.
        case unsafe
    }

    let method: CurlHTTPClient.Method
    let path: String
    let signed: Bool
    let repeatability: Repeat
    /// Changes state on the exchange (refused in dry_run mode).
    let mutates: Bool

    /// `METHOD path`, the metrics label and error context.
    var label: String { "\(method.rawValue) \(path)" }

    static let time = read("/fapi/v1/time", signed: false)
    static let exchangeInfo = read("/fapi/v1/exchangeInfo", signed: false)
    static let premiumIndex = read("/fapi/v1/premiumIndex", signed: false)
    static let klines = read("/fapi/v1/klines", signed: false)
    static let positionRisk = read("/fapi/v3/positionRisk")
    static let balance = read("/fapi/v3/balance")
    static let queryOrder = read("/fapi/v1/order")
    static let userTrades = read("/fapi/v1/userTrades")
    static let income = read("/fapi/v1/income")
    static let openAlgoOrders = read("/fapi/v1/openAlgoOrders")
    /// Setting the same leverage twice is harmless, so it is retried like a read.
    static let leverage = BinanceEndpoint(
        method: .post, path: "/fapi/v1/leverage", signed: true, repeatability: .safe, mutates: true)
    static let newOrder = change(.post, "/fapi/v1/order")
    static let cancelOrder = change(.delete, "/fapi/v1/order")
    static let newAlgoOrder = change(.post, "/fapi/v1/algoOrder")
    static let cancelAlgoOrder = change(.delete, "/fapi/v1/algoOrder")

    private static func read(_ path: String, signed: Bool = true) -> BinanceEndpoint {
        BinanceEndpoint(method: .get, path: path, signed: signed, repeatability: .safe, mutates: false)
    }

    private static func change(_ method: CurlHTTPClient.Method, _ path: String) -> BinanceEndpoint {
        BinanceEndpoint(method: method, path: path, signed: true, repeatability: .unsafe, mutates: true)
    }
}
