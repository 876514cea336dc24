import Foundation

/// The one-way-mode position of one symbol: a signed amount and its average entry price.
struct PaperPosition: Sendable, Codable, Equatable {
    var symbol: String
    /// Signed amount: > 0 long, < 0 short, 0 flat.
    var amount: Decimal = 0
    /// Average entry price; 0 when flat.
    var entryPrice: Decimal = 0
    /// Pre-fee realized PnL accumulated on this symbol.
    var accumulatedRealized: Decimal = 0
    /// Last change (simulated ms); 0 if never traded.
    var updateTime: Int64 = 0

    /// Unrealized PnL at `mark`: amount × (mark − entry).
    func unrealized(at mark: Decimal) -> Decimal { amount * (mark - entryPrice) }
}
