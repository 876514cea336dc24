import Foundation

/// A consistent copy of the account and the marks at one simulated instant, for rendering
/// account, balance and position answers outside the engine.
struct AccountSnapshot: Sendable {
    var account: AccountState
    var marks: [String: Decimal]
    var specs: [String: SymbolSpec]
    /// Symbols in exchangeInfo order.
    var symbols: [String]
    var now: Int64

    func position(_ symbol: String) -> PaperPosition {
        account.positions[symbol] ?? PaperPosition(symbol: symbol)
    }

    func unrealized(_ symbol: String) -> Decimal {
        position(symbol).unrealized(at: marks[symbol] ?? 0)
    }

    /// Initial margin of a position: |notional| / leverage.
    func initialMargin(_ symbol: String) -> Decimal {
        let p = position(symbol)
        return (abs(p.amount) * (marks[symbol] ?? 0) / Decimal(account.leverage(of: symbol))).rounded(scale: 8)
    }

    /// Maintenance margin estimate: 0.4 % of |notional| (Binance's lowest bracket).
    func maintenanceMargin(_ symbol: String) -> Decimal {
        let p = position(symbol)
        return (abs(p.amount) * (marks[symbol] ?? 0) * Decimal(string: "0.004")!).rounded(scale: 8)
    }

    var totalUnrealized: Decimal { symbols.reduce(0) { $0 + unrealized($1) } }
    var totalInitialMargin: Decimal { symbols.reduce(0) { $0 + initialMargin($1) } }
    var totalMaintenanceMargin: Decimal { symbols.reduce(0) { $0 + maintenanceMargin($1) } }
    var marginBalance: Decimal { account.walletBalance + totalUnrealized }
    var availableBalance: Decimal { max(0, marginBalance - totalInitialMargin) }

    /// Symbols with a non-zero position or open orders (what v3 endpoints list).
    var activeSymbols: [String] {
        symbols.filter { symbol in
            position(symbol).amount != 0
                || account.orders.contains { $0.symbol == symbol && $0.isOpen }
                || account.algoOrders.contains { $0.symbol == symbol && $0.isOpen }
        }
    }
}
