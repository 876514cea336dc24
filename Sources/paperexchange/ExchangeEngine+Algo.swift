import Foundation

extension ExchangeEngine {
    /// Places a conditional STOP_MARKET / TAKE_PROFIT_MARKET order (mark-price triggered).
    func placeAlgoOrder(_ request: ConditionalOrderRequest) throws(ExchangeRejection) -> ConditionalOrder {
        let now = catchUp()
        guard let algoType = request.algoType else { throw .mandatory("algoType") }
        guard algoType.uppercased() == "CONDITIONAL" else {
            throw ExchangeRejection(code: -1116, "Invalid algoType.")
        }
        let spec = try spec(request.symbol)
        guard let sideText = request.side else { throw .mandatory("side") }
        guard let side = TradeSide(rawValue: sideText.uppercased()) else { throw .invalidSide }
        guard let type = request.type?.uppercased() else { throw .mandatory("type") }
        guard type == "STOP_MARKET" || type == "TAKE_PROFIT_MARKET" else { throw .invalidOrderType }
        guard let triggerText = request.triggerPrice, let trigger = Decimal(exchangeString: triggerText), trigger > 0
        else {
            throw .mandatory("triggerPrice")
        }
        guard trigger.isMultiple(of: spec.tickSize) else { throw .badPrecision }
        var quantity: Decimal = 0
        if request.closePosition {
            if request.quantity != nil {
                throw ExchangeRejection(code: -1106, "Parameter 'quantity' sent when not required.")
            }
            if request.reduceOnlySent {
                throw ExchangeRejection(code: -1106, "Parameter 'reduceonly' sent when not required.")
            }
        } else {
            quantity = try Self.validatedQuantity(request.quantity, step: spec.marketStepSize)
            guard quantity >= spec.minQty else { throw .quantityBelowMinimum }
        }
        let clientAlgoId = try Self.validatedClientID(request.clientAlgoId, name: "clientAlgoId")
        if account.hasOpenAlgoOrder(clientAlgoId: clientAlgoId) { throw .duplicateClientOrderID }
        var order = ConditionalOrder(
            algoId: account.nextAlgoId, clientAlgoId: clientAlgoId, symbol: spec.symbol, side: side,
            orderType: type, quantity: quantity, triggerPrice: trigger,
            workingType: request.workingType?.uppercased() ?? "CONTRACT_PRICE",
            closePosition: request.closePosition, reduceOnly: request.reduceOnly || request.closePosition,
            createTime: now, updateTime: now)
        guard !order.fires(at: mark(spec.symbol)) else { throw .wouldImmediatelyTrigger }
        account.nextAlgoId += 1
        order.algoStatus = "NEW"
        account.appendAlgoOrder(order)
        touch(now)
        saveIfNeeded()
        // Debug, as "order placed" (ExchangeEngine+Orders.swift); its trigger is logged at info.
        logger.debug(
            "algo order placed",
            metadata: [
                "symbol": "\(spec.symbol)", "type": "\(type)", "trigger": "\(trigger)", "algo.id": "\(order.algoId)",
            ])
        return order
    }

    /// The algo order with `algoId` or `clientAlgoId` (newest), or `-2013`.
    func findAlgoOrder(algoId: Int64?, clientAlgoId: String?) throws(ExchangeRejection) -> ConditionalOrder {
        catchUp()
        guard algoId != nil || clientAlgoId != nil else {
            throw ExchangeRejection(code: -1102, "Either algoId or clientAlgoId must be sent.")
        }
        guard let position = account.algoOrderPosition(algoId: algoId, clientAlgoId: clientAlgoId) else {
            throw .noSuchOrder
        }
        return account.algoOrders[position]
    }

    /// Cancels an untriggered algo order (`-2011` when it is not open).
    func cancelAlgoOrder(algoId: Int64?, clientAlgoId: String?) throws(ExchangeRejection) -> ConditionalOrder {
        let order: ConditionalOrder
        do {
            order = try findAlgoOrder(algoId: algoId, clientAlgoId: clientAlgoId)
        } catch  where error.code == -2013 {
            throw .unknownOrder
        }
        guard order.isOpen, let position = account.algoOrderPosition(algoId: order.algoId, clientAlgoId: nil) else {
            throw .unknownOrder
        }
        let now = clock.now()
        var cancelled = order
        cancelled.algoStatus = "CANCELED"
        cancelled.updateTime = now
        account.replaceAlgoOrder(at: position, with: cancelled)
        touch(now)
        saveIfNeeded()
        return cancelled
    }

    /// Open (untriggered) algo orders, optionally of one symbol.
    func openAlgoOrders(symbol: String?) throws(ExchangeRejection) -> [ConditionalOrder] {
        catchUp()
        let wanted = try symbol.map { (s: String) throws(ExchangeRejection) in try spec(s).symbol }
        return account.openAlgoOrderPositions.map { account.algoOrders[$0] }
            .filter { wanted == nil || $0.symbol == wanted }
    }

    /// Every algo order of the listed `symbol`, oldest first (`allAlgoOrders`).
    func allAlgoOrders(symbol: String) -> [ConditionalOrder] {
        catchUp()
        return account.algoOrders.filter { $0.symbol == symbol }
    }

    /// Fires every open algo order whose trigger the mark has crossed, at simulated `time`.
    func checkAlgoTriggers(at time: Int64) {
        for position in account.openAlgoOrderPositions {
            let algo = account.algoOrders[position]
            guard algo.fires(at: mark(algo.symbol)) else { continue }
            account.replaceAlgoOrder(at: position, with: trigger(algo, at: time))
        }
    }

    private func trigger(_ algo: ConditionalOrder, at time: Int64) -> ConditionalOrder {
        var algo = algo
        algo.triggerTime = time
        algo.updateTime = time
        let position = account.positions[algo.symbol]?.amount ?? 0
        var quantity = algo.quantity
        if algo.closePosition || algo.reduceOnly {
            let closable = position != 0 && position.sign != algo.side.sign.sign ? abs(position) : 0
            quantity = algo.closePosition ? closable : min(quantity, closable)
        }
        guard quantity > 0 else {
            algo.algoStatus = "EXPIRED"
            touch(time)
            logger.info("algo order expired with nothing to close", metadata: ["algo.id": "\(algo.algoId)"])
            return algo
        }
        var order = PaperOrder(
            orderId: account.nextOrderId, symbol: algo.symbol, clientOrderId: algo.clientAlgoId, side: algo.side,
            origType: algo.orderType, origQty: quantity, reduceOnly: algo.reduceOnly,
            closePosition: algo.closePosition, stopPrice: algo.triggerPrice, time: time, updateTime: time)
        account.nextOrderId += 1
        fill(&order, quantity: quantity, at: time)
        account.appendOrder(order)
        algo.algoStatus = "FINISHED"
        algo.actualOrderId = order.orderId
        algo.actualPrice = order.avgPrice
        algo.executedQty = quantity
        logger.info(
            "algo order triggered",
            metadata: ["algo.id": "\(algo.algoId)", "order.id": "\(order.orderId)", "price": "\(order.avgPrice)"])
        return algo
    }
}
