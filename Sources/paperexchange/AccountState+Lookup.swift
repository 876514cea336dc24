extension AccountState {
    /// Whether any order rests on the book.
    var hasOpenOrders: Bool { !index.openOrders.isEmpty }

    /// Whether any algo order waits for its trigger.
    var hasOpenAlgoOrders: Bool { !index.openAlgoOrders.isEmpty }

    /// Positions in `orders` of the open orders, oldest first.
    var openOrderPositions: [Int] { index.openOrders }

    /// Positions in `algoOrders` of the open algo orders, oldest first.
    var openAlgoOrderPositions: [Int] { index.openAlgoOrders }

    /// Whether an open order carries `clientOrderId` (whatever its symbol, as Binance checks).
    func hasOpenOrder(clientOrderId: String) -> Bool {
        let withID = index.ordersByClientId[clientOrderId] ?? []
        if withID.count <= index.openOrders.count {
            return withID.contains { orders[$0].isOpen }
        }
        return index.openOrders.contains { orders[$0].clientOrderId == clientOrderId }
    }

    /// Whether `symbol` has an open order or an open algo order.
    func hasOpenOrders(symbol: String) -> Bool {
        index.openOrders.contains { orders[$0].symbol == symbol }
            || index.openAlgoOrders.contains { algoOrders[$0].symbol == symbol }
    }

    /// Position of the newest order on `symbol` with `orderId` and/or `clientOrderId` (at least one given).
    func orderPosition(symbol: String, orderId: Int64?, clientOrderId: String?) -> Int? {
        if let orderId {
            guard let position = index.orderById[orderId] else { return nil }
            let order = orders[position]
            guard order.symbol == symbol, clientOrderId.map({ $0 == order.clientOrderId }) ?? true else { return nil }
            return position
        }
        guard let clientOrderId, let positions = index.ordersByClientId[clientOrderId] else { return nil }
        return positions.last { orders[$0].symbol == symbol }
    }

    /// The newest `limit` orders of `symbol`, oldest first.
    func latestOrders(symbol: String, limit: Int) -> [PaperOrder] {
        (index.ordersBySymbol[symbol] ?? []).suffix(limit).map { orders[$0] }
    }

    /// Trades of `symbol` (optionally of one order) with `start ≤ time ≤ end`, oldest first: the
    /// first `limit` of them when `start` is given, else the last `limit`.
    func trades(symbol: String, orderId: Int64?, start: Int64?, end: Int64?, limit: Int) -> [PaperTrade] {
        let positions = orderId.map { index.tradesByOrderId[$0] ?? [] } ?? index.tradesBySymbol[symbol] ?? []
        func wanted(_ trade: PaperTrade) -> Bool {
            trade.symbol == symbol && (start.map { trade.time >= $0 } ?? true) && (end.map { trade.time <= $0 } ?? true)
        }
        var rows: [PaperTrade] = []
        if start != nil {
            for position in positions {
                guard rows.count < limit else { break }
                if wanted(trades[position]) { rows.append(trades[position]) }
            }
            return rows
        }
        for position in positions.reversed() {
            guard rows.count < limit else { break }
            if wanted(trades[position]) { rows.append(trades[position]) }
        }
        return rows.reversed()
    }

    /// Position of the newest algo order with `algoId` and/or `clientAlgoId` (at least one given).
    func algoOrderPosition(algoId: Int64?, clientAlgoId: String?) -> Int? {
        if let algoId {
            guard let position = index.algoById[algoId] else { return nil }
            guard clientAlgoId.map({ $0 == algoOrders[position].clientAlgoId }) ?? true else { return nil }
            return position
        }
        guard let clientAlgoId else { return nil }
        return index.algosByClientId[clientAlgoId]?.last
    }

    /// Whether an open algo order carries `clientAlgoId`.
    func hasOpenAlgoOrder(clientAlgoId: String) -> Bool {
        (index.algosByClientId[clientAlgoId] ?? []).contains { algoOrders[$0].isOpen }
    }
}
