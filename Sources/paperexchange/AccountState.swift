import Foundation

/// Everything the paper account holds; what `--state FILE` saves and reloads as JSON.
///
/// Orders, trades and algo orders only grow (an order's status and fills change, never its ids
/// or symbol), through the mutating methods below, which keep ``index`` current. The index is
/// not part of the file: it is rebuilt when a state is decoded.
struct AccountState: Sendable, Codable {
    var walletBalance: Decimal
    /// When the account was created or last changed (never 0: ccxt skips assets with 0).
    var updateTime: Int64
    var positions: [String: PaperPosition] = [:]
    var leverage: [String: Int] = [:]
    /// ISOLATED or CROSSED per symbol (default CROSSED).
    var marginType: [String: String] = [:]
    private(set) var orders: [PaperOrder] = []
    private(set) var trades: [PaperTrade] = []
    var income: [IncomeEntry] = []
    private(set) var algoOrders: [ConditionalOrder] = []
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
    /// Lookups over `orders`, `trades` and `algoOrders` (derived; not saved).
    private(set) var index = AccountIndex()

    /// What the state file holds (everything but the index), as the file has always spelt it.
    enum CodingKeys: String, CodingKey {
        case walletBalance, updateTime, positions, leverage, marginType, orders, trades, income, algoOrders
        case nextOrderId, nextTradeId, nextTranId, nextAlgoId, lastFundingTime, savedAt, marks
    }

    init(walletBalance: Decimal, now: Int64) {
        self.walletBalance = walletBalance
        self.updateTime = now
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        walletBalance = try container.decode(Decimal.self, forKey: .walletBalance)
        updateTime = try container.decode(Int64.self, forKey: .updateTime)
        positions = try container.decode([String: PaperPosition].self, forKey: .positions)
        leverage = try container.decode([String: Int].self, forKey: .leverage)
        marginType = try container.decode([String: String].self, forKey: .marginType)
        orders = try container.decode([PaperOrder].self, forKey: .orders)
        trades = try container.decode([PaperTrade].self, forKey: .trades)
        income = try container.decode([IncomeEntry].self, forKey: .income)
        algoOrders = try container.decode([ConditionalOrder].self, forKey: .algoOrders)
        nextOrderId = try container.decode(Int64.self, forKey: .nextOrderId)
        nextTradeId = try container.decode(Int64.self, forKey: .nextTradeId)
        nextTranId = try container.decode(Int64.self, forKey: .nextTranId)
        nextAlgoId = try container.decode(Int64.self, forKey: .nextAlgoId)
        lastFundingTime = try container.decode(Int64.self, forKey: .lastFundingTime)
        savedAt = try container.decode(Int64.self, forKey: .savedAt)
        marks = try container.decode([String: Decimal].self, forKey: .marks)
        index = AccountIndex(orders: orders, trades: trades, algoOrders: algoOrders)
    }

    /// Leverage of `symbol` (default 20, as Binance gives new accounts on most symbols).
    func leverage(of symbol: String) -> Int { leverage[symbol] ?? 20 }

    /// Stores a new order (its id fresh from `nextOrderId`).
    mutating func appendOrder(_ order: PaperOrder) {
        orders.append(order)
        index.addOrder(order, at: orders.count - 1)
    }

    /// Changes the order at `position` (its status, fills, times; never its ids or symbol).
    @discardableResult
    mutating func updateOrder(at position: Int, _ change: (inout PaperOrder) -> Void) -> PaperOrder {
        let wasOpen = orders[position].isOpen
        change(&orders[position])
        let order = orders[position]
        index.orderChanged(at: position, wasOpen: wasOpen, isOpen: order.isOpen)
        return order
    }

    mutating func appendTrade(_ trade: PaperTrade) {
        trades.append(trade)
        index.addTrade(trade, at: trades.count - 1)
    }

    mutating func appendAlgoOrder(_ algo: ConditionalOrder) {
        algoOrders.append(algo)
        index.addAlgoOrder(algo, at: algoOrders.count - 1)
    }

    /// Replaces the algo order at `position` by its new state (same ids and symbol).
    mutating func replaceAlgoOrder(at position: Int, with algo: ConditionalOrder) {
        let wasOpen = algoOrders[position].isOpen
        algoOrders[position] = algo
        index.algoOrderChanged(at: position, wasOpen: wasOpen, isOpen: algo.isOpen)
    }
}
