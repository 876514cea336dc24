/// Where an account's orders, trades and algo orders are, by the keys requests ask for, so that
/// no request scans the whole history: open orders, orders by id, client id and symbol, trades
/// by order and symbol, open algo orders, algo orders by id and client id.
///
/// Values are positions in ``AccountState``'s arrays, each list in ascending order (oldest
/// first). It is derived state: never saved, rebuilt from the arrays when a state file is
/// loaded, and kept current by ``AccountState``'s mutating methods, the only writers.
struct AccountIndex: Sendable {
    /// Orders that are open (NEW or PARTIALLY_FILLED: resting LIMIT orders).
    private(set) var openOrders: [Int] = []
    private(set) var orderById: [Int64: Int] = [:]
    /// Every order placed with a client id (an id may be reused once its order is no longer open).
    private(set) var ordersByClientId: [String: [Int]] = [:]
    private(set) var ordersBySymbol: [String: [Int]] = [:]
    private(set) var tradesByOrderId: [Int64: [Int]] = [:]
    private(set) var tradesBySymbol: [String: [Int]] = [:]
    /// Algo orders not yet triggered, cancelled or expired.
    private(set) var openAlgoOrders: [Int] = []
    private(set) var algoById: [Int64: Int] = [:]
    private(set) var algosByClientId: [String: [Int]] = [:]

    init() {}

    /// The index of arrays loaded from a state file.
    init(orders: [PaperOrder], trades: [PaperTrade], algoOrders: [ConditionalOrder]) {
        for (position, order) in orders.enumerated() { addOrder(order, at: position) }
        for (position, trade) in trades.enumerated() { addTrade(trade, at: position) }
        for (position, algo) in algoOrders.enumerated() { addAlgoOrder(algo, at: position) }
    }

    mutating func addOrder(_ order: PaperOrder, at position: Int) {
        orderById[order.orderId] = position
        ordersByClientId[order.clientOrderId, default: []].append(position)
        ordersBySymbol[order.symbol, default: []].append(position)
        if order.isOpen { Self.insert(position, into: &openOrders) }
    }

    /// Records that the order at `position` went from open (`wasOpen`) to `isOpen` or back.
    mutating func orderChanged(at position: Int, wasOpen: Bool, isOpen: Bool) {
        guard wasOpen != isOpen else { return }
        if isOpen { Self.insert(position, into: &openOrders) } else { Self.remove(position, from: &openOrders) }
    }

    mutating func addTrade(_ trade: PaperTrade, at position: Int) {
        tradesByOrderId[trade.orderId, default: []].append(position)
        tradesBySymbol[trade.symbol, default: []].append(position)
    }

    mutating func addAlgoOrder(_ algo: ConditionalOrder, at position: Int) {
        algoById[algo.algoId] = position
        algosByClientId[algo.clientAlgoId, default: []].append(position)
        if algo.isOpen { Self.insert(position, into: &openAlgoOrders) }
    }

    /// Records that the algo order at `position` went from open (`wasOpen`) to `isOpen` or back.
    mutating func algoOrderChanged(at position: Int, wasOpen: Bool, isOpen: Bool) {
        guard wasOpen != isOpen else { return }
        if isOpen { Self.insert(position, into: &openAlgoOrders) } else { Self.remove(position, from: &openAlgoOrders) }
    }

    /// Inserts `position` into the ascending `list` (new positions are the largest: an append).
    private static func insert(_ position: Int, into list: inout [Int]) {
        if let last = list.last, last >= position {
            let at = lowerBound(of: position, in: list)
            if at < list.count, list[at] == position { return }
            list.insert(position, at: at)
        } else {
            list.append(position)
        }
    }

    private static func remove(_ position: Int, from list: inout [Int]) {
        let at = lowerBound(of: position, in: list)
        if at < list.count, list[at] == position { list.remove(at: at) }
    }

    /// The first index of the ascending `list` whose value is not below `value`.
    private static func lowerBound(of value: Int, in list: [Int]) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
