import Foundation

/// Everything the paper account holds; what `--state FILE` saves and reloads as JSON.
struct AccountState: Sendable, Codable {
    var walletBalance: Decimal
    /// When the account was created or last changed (never 0: ccxt skips assets with 0).
    var updateTime: Int64
    var positions: [String: PaperPosition] = [:]
    var leverage: [String: Int] = [:]
    /// ISOLATED or CROSSED per symbol (default CROSSED).
    var marginType: [String: String] = [:]
    var orders: [PaperOrder] = []
    var trades: [PaperTrade] = []
    var income: [IncomeEntry] = []
    var algoOrders: [ConditionalOrder] = []
    var nextOrderId: Int64 = 1
    var nextTradeId: Int64 = 1
    var nextTranId: Int64 = 1
    /// Algo ids live in their own range so an algo id is never also an order id (ccxt asks
    /// `GET /fapi/v1/order?orderId=<algoId>` without its trigger flag and must get -2013).
    var nextAlgoId: Int64 = 1_000_000_001
    /// Simulated time of the last funding settlement.
    var lastFundingTime: Int64 = 0
    /// Simulated time the state was saved at, and the marks then, so a restart continues.
    var savedAt: Int64 = 0
    var marks: [String: Decimal] = [:]

    init(walletBalance: Decimal, now: Int64) {
        self.walletBalance = walletBalance
        self.updateTime = now
    }

    /// Leverage of `symbol` (default 20, as Binance gives new accounts on most symbols).
    func leverage(of symbol: String) -> Int { leverage[symbol] ?? 20 }
}
