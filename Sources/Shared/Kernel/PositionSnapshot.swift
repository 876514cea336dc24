/// One open position as input to the harvest kernel (the original `PositionSnapshot`).
///
/// - Important: `unrealizedPnL` must be **per unit** (position PnL / quantity), because the risk
///   unit is a per-unit price distance; the original callers passed whole-position PnL, which
///   made R_net grow with position size (kernel.md §3, FIX). The kernel itself does not care.
package struct PositionSnapshot: Sendable, Equatable {
    package var symbol: String
    package var side: PositionSide
    package var entryPrice: Double
    package var currentPrice: Double
    /// Highest price since the position opened (LONG) or lowest (SHORT); audit only.
    package var peakPrice: Double
    /// Lowest price since the position opened (LONG) or highest (SHORT); audit only.
    package var troughPrice: Double
    /// Seconds since the position opened.
    package var ageSec: Double
    /// Unrealised PnL per unit of quantity, in quote currency.
    package var unrealizedPnL: Double
    /// The stop-loss level in force; `nil` means none.
    ///
    /// - Important: `0.0` is a real level here, as in the original (a SHORT with stop 0 never
    ///   gets a profit-lock proposal). Mapping the Python services' "0 means no stop" to `nil`
    ///   is the job of whoever reads the Redis hash (kernel.md §5).
    package var currentSL: Double?
    /// The take-profit level in force, if any; not used by the decision.
    package var currentTP: Double?

    package init(
        symbol: String,
        side: PositionSide,
        entryPrice: Double,
        currentPrice: Double,
        peakPrice: Double,
        troughPrice: Double,
        ageSec: Double,
        unrealizedPnL: Double,
        currentSL: Double? = nil,
        currentTP: Double? = nil
    ) {
        self.symbol = symbol
        self.side = side
        self.entryPrice = entryPrice
        self.currentPrice = currentPrice
        self.peakPrice = peakPrice
        self.troughPrice = troughPrice
        self.ageSec = ageSec
        self.unrealizedPnL = unrealizedPnL
        self.currentSL = currentSL
        self.currentTP = currentTP
    }
}
