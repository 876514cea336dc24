/// The client's mutable state: clock offset and the cached `exchangeInfo`.
actor BinanceClientState {
    private(set) var timeOffset: Int64?
    private var cachedInfo: (info: ExchangeInfo, fetched: ContinuousClock.Instant)?

    func setTimeOffset(_ offset: Int64) { timeOffset = offset }

    func exchangeInfo(maxAge: Duration) -> ExchangeInfo? {
        guard let cachedInfo, ContinuousClock.now - cachedInfo.fetched <= maxAge else { return nil }
        return cachedInfo.info
    }

    func store(_ info: ExchangeInfo) { cachedInfo = (info, ContinuousClock.now) }
}
