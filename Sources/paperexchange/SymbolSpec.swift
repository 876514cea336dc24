import Foundation

/// One perpetual contract the paper exchange lists: its filters, as exchangeInfo shows them,
/// and the parameters of its simulated price.
///
/// Filter values follow Binance's live USDT-M listings (BTCUSDT step 0.001 and min notional
/// 100, SOLUSDT whole-coin steps, ANKRUSDT five price decimals).
struct SymbolSpec: Sendable, Codable, Equatable {
    var symbol: String
    var baseAsset: String
    var quoteAsset: String = "USDT"
    var tickSize: Decimal
    var minPrice: Decimal
    var maxPrice: Decimal
    var stepSize: Decimal
    var minQty: Decimal
    var maxQty: Decimal
    var marketStepSize: Decimal
    var marketMaxQty: Decimal
    var minNotional: Decimal
    var pricePrecision: Int
    var quantityPrecision: Int
    var maxLeverage: Int
    /// Price the simulation starts from (before the seeded history is generated).
    var startPrice: Double
    /// Annualised volatility of the calm regime.
    var annualVolatility: Double

    /// Fraction digits of a price (from the tick size).
    var priceScale: Int { tickSize.fractionDigits }
    /// Fraction digits of a quantity (from the step size).
    var quantityScale: Int { stepSize.fractionDigits }

    /// The symbols the exchange lists by default, in exchangeInfo order.
    static let catalogue: [SymbolSpec] = [
        SymbolSpec(
            symbol: "BTCUSDT", baseAsset: "BTC", tickSize: Decimal(string: "0.10")!,
            minPrice: Decimal(string: "261.10")!,
            maxPrice: 809_484, stepSize: Decimal(string: "0.001")!, minQty: Decimal(string: "0.001")!, maxQty: 1000,
            marketStepSize: Decimal(string: "0.001")!, marketMaxQty: 120, minNotional: 100,
            pricePrecision: 2, quantityPrecision: 3, maxLeverage: 125, startPrice: 95_000, annualVolatility: 0.55),
        SymbolSpec(
            symbol: "ETHUSDT", baseAsset: "ETH", tickSize: Decimal(string: "0.01")!,
            minPrice: Decimal(string: "39.86")!,
            maxPrice: 306_177, stepSize: Decimal(string: "0.001")!, minQty: Decimal(string: "0.001")!, maxQty: 10000,
            marketStepSize: Decimal(string: "0.001")!, marketMaxQty: 2000, minNotional: 20,
            pricePrecision: 2, quantityPrecision: 3, maxLeverage: 125, startPrice: 3_400, annualVolatility: 0.7),
        SymbolSpec(
            symbol: "SOLUSDT", baseAsset: "SOL", tickSize: Decimal(string: "0.01")!, minPrice: Decimal(string: "0.42")!,
            maxPrice: 6857, stepSize: 1, minQty: 1, maxQty: 1_000_000,
            marketStepSize: 1, marketMaxQty: 5000, minNotional: 5,
            pricePrecision: 4, quantityPrecision: 0, maxLeverage: 100, startPrice: 180, annualVolatility: 0.9),
        SymbolSpec(
            symbol: "ANKRUSDT", baseAsset: "ANKR", tickSize: Decimal(string: "0.00001")!,
            minPrice: Decimal(string: "0.00010")!,
            maxPrice: 200, stepSize: 1, minQty: 1, maxQty: 10_000_000,
            marketStepSize: 1, marketMaxQty: 2_000_000, minNotional: 5,
            pricePrecision: 6, quantityPrecision: 0, maxLeverage: 25, startPrice: 0.025, annualVolatility: 1.1),
        SymbolSpec(
            symbol: "DOGEUSDT", baseAsset: "DOGE", tickSize: Decimal(string: "0.00001")!,
            minPrice: Decimal(string: "0.00244")!,
            maxPrice: 30, stepSize: 1, minQty: 1, maxQty: 50_000_000,
            marketStepSize: 1, marketMaxQty: 30_000_000, minNotional: 5,
            pricePrecision: 6, quantityPrecision: 0, maxLeverage: 75, startPrice: 0.17, annualVolatility: 1.0),
    ]

    /// The catalogue entries named in `names` (comma list, case-insensitive), in that order.
    /// Throws the unknown names so the command can say which one was wrong.
    static func select(_ names: [String]) throws(UnknownSymbols) -> [SymbolSpec] {
        var chosen: [SymbolSpec] = []
        var unknown: [String] = []
        for raw in names {
            let name = raw.trimmingCharacters(in: .whitespaces).uppercased()
            guard !name.isEmpty else { continue }
            if let spec = catalogue.first(where: { $0.symbol == name }) {
                if !chosen.contains(spec) { chosen.append(spec) }
            } else {
                unknown.append(name)
            }
        }
        guard unknown.isEmpty else { throw UnknownSymbols(names: unknown) }
        return chosen
    }

    /// Symbols asked for that the catalogue does not list.
    struct UnknownSymbols: Error, CustomStringConvertible {
        var names: [String]
        var description: String {
            "unknown symbol(s) \(names.joined(separator: ", ")); known: "
                + SymbolSpec.catalogue.map(\.symbol).joined(separator: ", ")
        }
    }
}
