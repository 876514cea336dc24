import FoundationEssentials

/// The answer of `POST /fapi/v1/leverage`.
package struct LeverageSetting: Sendable, Hashable {
    package var symbol: String
    package var leverage: Int
    package var maxNotionalValue: Decimal?

    package init(symbol: String, leverage: Int, maxNotionalValue: Decimal? = nil) {
        self.symbol = symbol
        self.leverage = leverage
        self.maxNotionalValue = maxNotionalValue
    }
}
