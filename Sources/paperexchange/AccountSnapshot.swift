import Foundation

/// What account, balance and position answers show at one simulated instant, for rendering
/// them outside the engine: the balance, positions, settings and marks, and which symbols are
/// active.
///
/// - Important: it holds no order or trade history. A copy sharing the account's arrays,
///   alive while the engine appends to them, would make that append copy the whole history.
struct AccountSnapshot: Sendable {
    var walletBalance: Decimal
    /// When the account last changed.
    var updateTime: Int64
    var positions: [String: PaperPosition]
    var leverage: [String: Int]
    /// ISOLATED or CROSSED per symbol (absent: CROSSED).
    var marginType: [String: String]
    /// Symbols with a non-zero position or open (algo) orders, in exchangeInfo order: what v3 endpoints list.
    var activeSymbols: [String]
    var marks: [String: Decimal]
    var specs: [String: SymbolSpec]
    /// Symbols in exchangeInfo order.
    var symbols: [String]
    var now: Int64

    /// Binance's maintenance-margin rate of the lowest bracket.
    private static let maintenanceRate = Decimal(string: "0.004")!

    /// Leverage of `symbol` (default 20, as Binance gives new accounts on most symbols).
    func leverage(of symbol: String) -> Int { leverage[symbol] ?? 20 }

    func position(_ symbol: String) -> PaperPosition {
        positions[symbol] ?? PaperPosition(symbol: symbol)
    }

    func unrealized(_ symbol: String) -> Decimal {
        position(symbol).unrealized(at: marks[symbol] ?? 0)
    }

    /// Initial margin of a position: |notional| / leverage.
    func initialMargin(_ symbol: String) -> Decimal {
        let p = position(symbol)
        return (abs(p.amount) * (marks[symbol] ?? 0) / Decimal(leverage(of: symbol))).rounded(scale: 8)
    }

    /// Maintenance margin estimate: 0.4 % of |notional| (Binance's lowest bracket).
    func maintenanceMargin(_ symbol: String) -> Decimal {
        let p = position(symbol)
        return (abs(p.amount) * (marks[symbol] ?? 0) * Self.maintenanceRate).rounded(scale: 8)
    }

    var totalUnrealized: Decimal { symbols.reduce(0) { $0 + unrealized($1) } }
    var totalInitialMargin: Decimal { symbols.reduce(0) { $0 + initialMargin($1) } }
    var totalMaintenanceMargin: Decimal { symbols.reduce(0) { $0 + maintenanceMargin($1) } }
    var marginBalance: Decimal { walletBalance + totalUnrealized }
    var availableBalance: Decimal { max(0, marginBalance - totalInitialMargin) }
}
