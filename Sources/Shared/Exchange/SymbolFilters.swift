import FoundationEssentials

/// The trading rules of one symbol from `exchangeInfo` (reference §5), as exact decimals.
///
/// A filter Binance did not send is nil and is not enforced; a zero bound means "disabled".
package struct SymbolFilters: Sendable, Hashable {
    /// `LOT_SIZE` or `MARKET_LOT_SIZE` bounds.
    package struct LotSize: Sendable, Hashable {
        package var minQuantity: Decimal
        package var maxQuantity: Decimal
        package var stepSize: Decimal

        package init(minQuantity: Decimal, maxQuantity: Decimal, stepSize: Decimal) {
            self.minQuantity = minQuantity
            self.maxQuantity = maxQuantity
            self.stepSize = stepSize
        }
    }

    /// `PRICE_FILTER` bounds.
    package struct PriceFilter: Sendable, Hashable {
        package var minPrice: Decimal
        package var maxPrice: Decimal
        package var tickSize: Decimal

        package init(minPrice: Decimal, maxPrice: Decimal, tickSize: Decimal) {
            self.minPrice = minPrice
            self.maxPrice = maxPrice
            self.tickSize = tickSize
        }
    }

    package var symbol: String
    /// `TRADING`, `SETTLING`, ….
    package var status: String
    package var baseAsset: String
    package var quoteAsset: String
    package var lotSize: LotSize?
    package var marketLotSize: LotSize?
    package var priceFilter: PriceFilter?
    /// `MIN_NOTIONAL.notional`: price × qty must reach it (not for reduce-only orders).
    package var minNotional: Decimal?

    package init(
        symbol: String, status: String = "TRADING", baseAsset: String = "", quoteAsset: String = "USDT",
        lotSize: LotSize?, marketLotSize: LotSize? = nil, priceFilter: PriceFilter? = nil, minNotional: Decimal? = nil
    ) {
        self.symbol = symbol
        self.status = status
        self.baseAsset = baseAsset
        self.quoteAsset = quoteAsset
        self.lotSize = lotSize
        self.marketLotSize = marketLotSize
        self.priceFilter = priceFilter
        self.minNotional = minNotional
    }

    /// The lot filter that governs `type`: MARKET_LOT_SIZE for market orders (falling back to
    /// LOT_SIZE when absent), LOT_SIZE otherwise.
    package func lot(for type: OrderType) -> LotSize? {
        type == .market ? (marketLotSize ?? lotSize) : lotSize
    }
}
