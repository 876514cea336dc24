import Foundation

/// A conditional order of the Algo Order API (`/fapi/v1/algoOrder`): STOP_MARKET or
/// TAKE_PROFIT_MARKET, with a quantity or `closePosition=true`, triggered by the mark price.
struct ConditionalOrder: Sendable, Codable, Equatable {
    var algoId: Int64
    var clientAlgoId: String
    var symbol: String
    var side: TradeSide
    var orderType: String
    var quantity: Decimal
    var triggerPrice: Decimal
    var workingType: String
    var closePosition: Bool
    var reduceOnly: Bool
    /// NEW, CANCELED, TRIGGERED (order sent) or FINISHED (order filled), EXPIRED (nothing to close).
    var algoStatus: String = "NEW"
    var createTime: Int64
    var updateTime: Int64
    var triggerTime: Int64 = 0
    /// The MARKET order the trigger produced.
    var actualOrderId: Int64?
    var actualPrice: Decimal = 0
    var executedQty: Decimal = 0

    var isOpen: Bool { algoStatus == "NEW" }

    /// Whether a mark of `price` fires this order (Binance's STOP / TAKE_PROFIT rules).
    func fires(at price: Decimal) -> Bool {
        let isStop = orderType == "STOP_MARKET" || orderType == "STOP"
        switch (isStop, side) {
        case (true, .buy), (false, .sell): return price >= triggerPrice
        case (true, .sell), (false, .buy): return price <= triggerPrice
        }
    }
}
