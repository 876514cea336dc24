/// Counts request weight per real minute, for Binance's `X-MBX-USED-WEIGHT-1M` header,
/// and orders per minute for `X-MBX-ORDER-COUNT-1M`.
actor RequestMeter {
    private var minute: Int64 = 0
    private var weight = 0
    private var orders = 0

    /// Adds a request of `weight` (and an order when `isOrder`) at real time `now`;
    /// returns the minute's totals.
    func record(weight added: Int, isOrder: Bool, now: Int64) -> (weight: Int, orders: Int) {
        let current = now / 60_000
        if current != minute {
            minute = current
            weight = 0
            orders = 0
        }
        weight += added
        if isOrder { orders += 1 }
        return (weight, orders)
    }
}
