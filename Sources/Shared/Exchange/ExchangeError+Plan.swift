extension ExchangeError {
    /// Binance codes that say something about this client's clock, key or rate, not about the
    /// request: the plan must wait (stay pending) rather than be answered.
    static let accountLevelCodes: Set<Int> = [-1003, -1021, -1022, -2014, -2015]

    /// True when the exchange refused the request for a reason the plan carries (e.g. `-1121`
    /// invalid symbol): retrying cannot help, so the plan is answered `exchange_rejected:<code>`
    /// instead of blocking its consumer. 5xx, 429/418, clock, key and transport failures are not.
    package var rejectsThePlan: Bool {
        if code == .invalidOrder { return true }
        guard code == .api, let status = httpStatus, (400..<500).contains(status), status != 429, status != 418 else {
            return false
        }
        return !Self.accountLevelCodes.contains(binanceCode ?? 0)
    }
}
