/// The parts of `GET /fapi/v1/exchangeInfo` the daemons use.
package struct ExchangeInfo: Sendable, Hashable {
    /// Filters by symbol name.
    package var symbols: [String: SymbolFilters]
    /// `REQUEST_WEIGHT` per minute, when listed.
    package var requestWeightPerMinute: Int?
    /// `ORDERS` per minute, when listed.
    package var ordersPerMinute: Int?

    package init(symbols: [String: SymbolFilters], requestWeightPerMinute: Int? = nil, ordersPerMinute: Int? = nil) {
        self.symbols = symbols
        self.requestWeightPerMinute = requestWeightPerMinute
        self.ordersPerMinute = ordersPerMinute
    }
}
