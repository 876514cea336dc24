import FoundationEssentials

extension SymbolFilters {
    /// `quantity` rounded down to a multiple of the step of `type`'s lot filter, counted from
    /// `minQty` as Binance does (`floor((q − minQty)/step)·step + minQty`; below `minQty`, from 0).
    /// Exact decimal arithmetic: 5.7 with step 0.1 stays 5.7. Negative input gives 0.
    package func roundDown(_ quantity: Decimal, type: OrderType) -> Decimal {
        guard quantity > 0 else { return 0 }
        guard let lot = lot(for: type), lot.stepSize > 0 else { return quantity }
        let origin = quantity >= lot.minQuantity ? lot.minQuantity : 0
        return Self.floor((quantity - origin) / lot.stepSize) * lot.stepSize + origin
    }

    /// `price` rounded to the tick (down, or up when `up`), from `minPrice` as Binance counts.
    package func roundPrice(_ price: Decimal, up: Bool = false) -> Decimal {
        guard let filter = priceFilter, filter.tickSize > 0 else { return price }
        let origin = price >= filter.minPrice ? filter.minPrice : 0
        let whole = ((price - origin) / filter.tickSize).rounded(scale: 0, up ? .up : .down)
        return whole * filter.tickSize + origin
    }

    /// Rounds `quantity` down to the step and checks it against the lot bounds and the minimum
    /// notional (at `referencePrice`: the mark price for a market order), unless `reduceOnly`.
    ///
    /// - Parameter capToMaximum: when true, a quantity above `maxQty` is cut to `maxQty` (the
    ///   caller then sends the rest in another order); when false it is refused.
    /// - Throws: ``ExchangeError`` with code `.invalidOrder` and, for parity with the exchange,
    ///   the Binance code it would have answered: `-4003` (zero), `-4004` (below minQty),
    ///   `-4005` (above maxQty), `-4164` (below min notional).
    package func prepareQuantity(
        _ quantity: Decimal,
        type: OrderType,
        referencePrice: Decimal?,
        reduceOnly: Bool,
        capToMaximum: Bool = false
    ) throws(ExchangeError) -> Decimal {
        var rounded = roundDown(quantity, type: type)
        if let lot = lot(for: type), lot.maxQuantity > 0, rounded > lot.maxQuantity {
            guard capToMaximum else {
                throw Self.refusal(-4005, "quantity \(rounded) above maxQty \(lot.maxQuantity) for \(symbol)")
            }
            rounded = roundDown(lot.maxQuantity, type: type)
        }
        guard rounded > 0 else {
            throw Self.refusal(-4003, "quantity \(quantity) rounds to 0 for \(symbol)")
        }
        if let lot = lot(for: type), rounded < lot.minQuantity {
            throw Self.refusal(-4004, "quantity \(rounded) below minQty \(lot.minQuantity) for \(symbol)")
        }
        if !reduceOnly, let minNotional, minNotional > 0, let referencePrice, rounded * referencePrice < minNotional {
            throw Self.refusal(-4164, "notional \(rounded * referencePrice) below \(minNotional) for \(symbol)")
        }
        return rounded
    }

    /// `quantity` as wire text with the step's number of decimals ("0.010" for step 0.001).
    package func formatQuantity(_ quantity: Decimal, type: OrderType) -> String {
        let step = lot(for: type)?.stepSize ?? 0
        return DecimalText.format(
            quantity, scale: step > 0 ? DecimalText.scale(of: step) : DecimalText.scale(of: quantity))
    }

    /// `price` as wire text with the tick's number of decimals.
    package func formatPrice(_ price: Decimal) -> String {
        let tick = priceFilter?.tickSize ?? 0
        return DecimalText.format(price, scale: tick > 0 ? DecimalText.scale(of: tick) : DecimalText.scale(of: price))
    }

    private static func floor(_ value: Decimal) -> Decimal {
        value.rounded(scale: 0, .down)
    }

    private static func refusal(_ code: Int, _ message: String) -> ExchangeError {
        ExchangeError(.invalidOrder, binanceCode: code, message: message)
    }
}
