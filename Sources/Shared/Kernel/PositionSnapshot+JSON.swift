/// Reading a fixture case's `position` object.
extension PositionSnapshot {
    /// Reads a `position` object (see `KernelInput+JSON`).
    package init(json: KernelJSON, path: String) throws(KernelInputError) {
        _ = try json.members(at: path)
        self.init(
            symbol: try json.string("symbol", at: path),
            side: PositionSide(pythonSide: try json.string("side", at: path)),
            entryPrice: try json.number("entry_price", at: path),
            currentPrice: try json.number("current_price", at: path),
            peakPrice: try json.number("peak_price", at: path),
            troughPrice: try json.number("trough_price", at: path),
            ageSec: try json.number("age_sec", at: path),
            unrealizedPnL: try json.number("unrealized_pnl", at: path),
            currentSL: try json.optionalNumber("current_sl", at: path),
            currentTP: try json.optionalNumber("current_tp", at: path)
        )
    }
}
