import Foundation

extension SymbolSpec {
    /// The order types listed for every symbol; ccxt checks them on the client side.
    static let orderTypes = [
        "LIMIT", "MARKET", "STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET",
    ]

    /// The symbol object of `GET /fapi/v1/exchangeInfo`.
    var exchangeInfoJSON: JSONValue {
        let p = priceScale, q = quantityScale
        return .object([
            ("symbol", .string(symbol)),
            ("pair", .string(symbol)),
            ("contractType", .string("PERPETUAL")),
            ("deliveryDate", .int(4_133_404_800_000)),
            ("onboardDate", .int(1_569_398_400_000)),
            ("status", .string("TRADING")),
            ("maintMarginPercent", .string("2.5000")),
            ("requiredMarginPercent", .string("5.0000")),
            ("baseAsset", .string(baseAsset)),
            ("quoteAsset", .string(quoteAsset)),
            ("marginAsset", .string(quoteAsset)),
            ("pricePrecision", .int(pricePrecision)),
            ("quantityPrecision", .int(quantityPrecision)),
            ("baseAssetPrecision", .int(8)),
            ("quotePrecision", .int(8)),
            ("underlyingType", .string("COIN")),
            ("underlyingSubType", .array([])),
            ("triggerProtect", .string("0.0500")),
            ("liquidationFee", .string("0.012500")),
            ("marketTakeBound", .string("0.05")),
            ("maxMoveOrderLimit", .int(10000)),
            (
                "filters",
                .array([
                    .object([
                        ("filterType", .string("PRICE_FILTER")), ("minPrice", .decimal(minPrice, scale: p)),
                        ("maxPrice", .string(maxPrice.compact)), ("tickSize", .string(tickSize.compact)),
                    ]),
                    .object([
                        ("filterType", .string("LOT_SIZE")), ("minQty", .decimal(minQty, scale: q)),
                        ("maxQty", .string(maxQty.compact)), ("stepSize", .string(stepSize.compact)),
                    ]),
                    .object([
                        ("filterType", .string("MARKET_LOT_SIZE")), ("minQty", .decimal(minQty, scale: q)),
                        ("maxQty", .string(marketMaxQty.compact)), ("stepSize", .string(marketStepSize.compact)),
                    ]),
                    .object([("filterType", .string("MAX_NUM_ORDERS")), ("limit", .int(200))]),
                    .object([("filterType", .string("MAX_NUM_ALGO_ORDERS")), ("limit", .int(10))]),
                    .object([("filterType", .string("MIN_NOTIONAL")), ("notional", .string(minNotional.compact))]),
                    .object([
                        ("filterType", .string("PERCENT_PRICE")), ("multiplierUp", .string("1.0500")),
                        ("multiplierDown", .string("0.9500")), ("multiplierDecimal", .string("4")),
                    ]),
                ])
            ),
            ("orderTypes", .array(Self.orderTypes.map { .string($0) })),
            ("timeInForce", .array(["GTC", "IOC", "FOK", "GTX", "GTD"].map { .string($0) })),
            ("permissionSets", .array([.string("GRID"), .string("COPY")])),
        ])
    }
}
