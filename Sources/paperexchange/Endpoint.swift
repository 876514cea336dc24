/// One route of the exchange: who may call it and what answers it.
struct Endpoint: Sendable {
    /// Binance's endpoint security types, plus the admin API.
    enum Security: Sendable {
        /// Public market data: no key needed.
        case none
        /// Key header only.
        case apiKey
        /// Key, signature and timestamp.
        case signed
        /// The admin API (only routed when `--admin` is given).
        case admin
    }

    var security: Security
    /// Request weight reported in `X-MBX-USED-WEIGHT-1M`.
    var weight: Int = 1
    /// Whether this call places an order (order-count headers, 5xx-after-accept fault).
    var placesOrder: Bool = false
    var handler: @Sendable (RequestParameters) async throws(ExchangeRejection) -> JSONValue
}
