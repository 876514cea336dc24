import FoundationEssentials

/// The hash `quantum:position:{SYMBOL}`: the desk's record of an open position.
///
/// Written with every numeric field present (`0` for none: a stop of `0` means "no stop", never
/// a level). Read tolerantly: `qty` for `quantity`, `BUY`/`SELL` for `LONG`/`SHORT`, fields other
/// services add (`unrealized_pnl`, `current_price`, …) ignored, and a hash without a positive
/// quantity read as no position (``decode(fields:)`` returns `nil`).
package struct PositionHash: Sendable, Equatable {
    /// The position's direction.
    package enum Side: String, Sendable, Hashable {
        case long = "LONG"
        case short = "SHORT"
    }

    package var symbol: String
    package var side: Side
    /// The filled quantity (> 0), never the requested one.
    package var quantity: Decimal
    package var entryPrice: Decimal?
    package var leverage: Decimal?
    /// `nil` when there is no stop (written as `0`).
    package var stopLoss: Decimal?
    /// `nil` when there is no take-profit (written as `0`).
    package var takeProfit: Decimal?
    package var planID: String?
    /// Epoch seconds.
    package var createdAt: Double?
    /// Epoch seconds.
    package var updatedAt: Double?
    package var source: String?
    package var atrValue: Decimal?
    package var volatilityFactor: Decimal?
    /// |qty| × atr_value × volatility_factor, when both were known at entry.
    package var entryRiskUSDT: Decimal?
    package var riskPrice: Decimal?
    /// True when the entry plan carried no risk fields (written `1`).
    package var riskMissing: Bool

    package init(
        symbol: String, side: Side, quantity: Decimal, entryPrice: Decimal? = nil, leverage: Decimal? = nil,
        stopLoss: Decimal? = nil, takeProfit: Decimal? = nil, planID: String? = nil, createdAt: Double? = nil,
        updatedAt: Double? = nil, source: String? = nil, atrValue: Decimal? = nil,
        volatilityFactor: Decimal? = nil, entryRiskUSDT: Decimal? = nil, riskPrice: Decimal? = nil,
        riskMissing: Bool = false
    ) {
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.entryPrice = entryPrice
        self.leverage = leverage
        self.stopLoss = stopLoss
        self.takeProfit = takeProfit
        self.planID = planID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.source = source
        self.atrValue = atrValue
        self.volatilityFactor = volatilityFactor
        self.entryRiskUSDT = entryRiskUSDT
        self.riskPrice = riskPrice
        self.riskMissing = riskMissing
    }

    /// The hash fields, numbers never empty (`0` for none).
    package func encode() -> WirePairs {
        let decimal = { (value: Decimal?) in WireDecimal.format(value ?? 0) }
        let seconds = { (value: Double?) in WireTimestamp.text(seconds: value ?? 0) }
        return [
            ("symbol", symbol), ("side", side.rawValue), ("quantity", WireDecimal.format(quantity)),
            ("entry_price", decimal(entryPrice)), ("leverage", decimal(leverage)), ("stop_loss", decimal(stopLoss)),
            ("take_profit", decimal(takeProfit)), ("plan_id", planID ?? ""), ("created_at", seconds(createdAt)),
            ("updated_at", seconds(updatedAt ?? createdAt)), ("source", source ?? ""),
            ("atr_value", decimal(atrValue)), ("volatility_factor", decimal(volatilityFactor)),
            ("entry_risk_usdt", decimal(entryRiskUSDT)), ("risk_price", decimal(riskPrice)),
            ("risk_missing", riskMissing ? "1" : "0"),
        ]
    }

    /// Decodes a position hash; `nil` when the hash is empty or holds no positive quantity.
    /// `symbol` is used when the hash lacks the field (the key names it).
    package static func decode(fields: WireFields, symbol keySymbol: String? = nil) throws(WireError) -> PositionHash? {
        var quantity = try fields.signedDecimal("quantity")
        if quantity == nil { quantity = try fields.signedDecimal("qty") }
        guard let quantity, quantity > 0 else { return nil }
        let symbol: String
        if fields["symbol"] == nil, let keySymbol { symbol = keySymbol } else { symbol = try fields.symbol() }
        let sideText = try fields.requiredText("side", maximumLength: 16)
        let side: Side
        switch sideText.uppercased() {
        case "LONG", "BUY": side = .long
        case "SHORT", "SELL": side = .short
        default: throw WireError(field: "side", code: .unknownValue, detail: WireError.excerpt(sideText))
        }
        let positive = { (value: Decimal?) -> Decimal? in value.flatMap { $0 > 0 ? $0 : nil } }
        var position = PositionHash(symbol: symbol, side: side, quantity: quantity)
        position.entryPrice = positive(try fields.nonNegativeDecimal("entry_price"))
        position.leverage = positive(try fields.nonNegativeDecimal("leverage"))
        position.stopLoss = positive(try fields.nonNegativeDecimal("stop_loss"))
        position.takeProfit = positive(try fields.nonNegativeDecimal("take_profit"))
        position.planID = try fields.text("plan_id", maximumLength: 64)
        position.createdAt = try fields.timestamp("created_at").flatMap { $0 > 0 ? $0 : nil }
        position.updatedAt = try fields.timestamp("updated_at").flatMap { $0 > 0 ? $0 : nil }
        position.source = try fields.text("source", maximumLength: 128)
        position.atrValue = positive(try fields.nonNegativeDecimal("atr_value"))
        position.volatilityFactor = positive(try fields.nonNegativeDecimal("volatility_factor"))
        position.entryRiskUSDT = positive(try fields.nonNegativeDecimal("entry_risk_usdt"))
        position.riskPrice = positive(try fields.nonNegativeDecimal("risk_price"))
        position.riskMissing = try fields.bool("risk_missing") ?? false
        return position
    }

    /// Decodes a position hash from `HGETALL`'s dictionary.
    package static func decode(fields: [String: String], symbol: String? = nil) throws(WireError) -> PositionHash? {
        try decode(fields: WireFields(fields), symbol: symbol)
    }
}
