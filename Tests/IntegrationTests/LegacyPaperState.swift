/// A `--state` file as paperexchange wrote it before the account's lookups were indexed
/// (commit 1e157a3; pretty-printed, otherwise unchanged): ETHUSDT bought 0.5 (`legacy-open`,
/// order 1) and sold 0.2 reduce-only (`legacy-close`, order 2), a resting LIMIT bid at 2900
/// (`legacy-bid`, order 3), BTCUSDT bought 0.002 under the reused id `legacy-open` (order 4), and
/// an untriggered close-position stop on ETHUSDT at 2500 (`legacy-stop`, algo 1000000001).
enum LegacyPaperState {
    static let json = #"""
        {
         "algoOrders": [
          {
           "actualPrice": 0,
           "algoId": 1000000001,
           "algoStatus": "NEW",
           "clientAlgoId": "legacy-stop",
           "closePosition": true,
           "createTime": 1796652539370,
           "executedQty": 0,
           "orderType": "STOP_MARKET",
           "quantity": 0,
           "reduceOnly": true,
           "side": "SELL",
           "symbol": "ETHUSDT",
           "triggerPrice": 2500,
           "triggerTime": 0,
           "updateTime": 1796652539370,
           "workingType": "CONTRACT_PRICE"
          }
         ],
         "income": [
          {
           "asset": "USDT",
           "income": -0.6,
           "incomeType": "COMMISSION",
           "info": "COMMISSION",
           "symbol": "ETHUSDT",
           "time": 1796652539370,
           "tradeId": "1",
           "tranId": 1
          },
          {
           "asset": "USDT",
           "income": -0.24,
           "incomeType": "COMMISSION",
           "info": "COMMISSION",
           "symbol": "ETHUSDT",
           "time": 1796652539370,
           "tradeId": "2",
           "tranId": 2
          },
          {
           "asset": "USDT",
           "income": -0.08,
           "incomeType": "COMMISSION",
           "info": "COMMISSION",
           "symbol": "BTCUSDT",
           "time": 1796652539370,
           "tradeId": "3",
           "tranId": 3
          }
         ],
         "lastFundingTime": 1796630400000,
         "leverage": {},
         "marginType": {},
         "marks": {
          "ANKRUSDT": 0.02421,
          "BTCUSDT": 100000,
          "DOGEUSDT": 0.18055,
          "ETHUSDT": 3000,
          "SOLUSDT": 183.72
         },
         "nextAlgoId": 1000000002,
         "nextOrderId": 5,
         "nextTradeId": 4,
         "nextTranId": 4,
         "orders": [
          {
           "avgPrice": 3000,
           "clientOrderId": "legacy-open",
           "closePosition": false,
           "cumQuote": 1500,
           "executedQty": 0.5,
           "orderId": 1,
           "origQty": 0.5,
           "origType": "MARKET",
           "price": 0,
           "reduceOnly": false,
           "side": "BUY",
           "status": "FILLED",
           "stopPrice": 0,
           "symbol": "ETHUSDT",
           "time": 1796652539370,
           "timeInForce": "GTC",
           "type": "MARKET",
           "updateTime": 1796652539370
          },
          {
           "avgPrice": 3000,
           "clientOrderId": "legacy-close",
           "closePosition": false,
           "cumQuote": 600,
           "executedQty": 0.2,
           "orderId": 2,
           "origQty": 0.2,
           "origType": "MARKET",
           "price": 0,
           "reduceOnly": true,
           "side": "SELL",
           "status": "FILLED",
           "stopPrice": 0,
           "symbol": "ETHUSDT",
           "time": 1796652539370,
           "timeInForce": "GTC",
           "type": "MARKET",
           "updateTime": 1796652539370
          },
          {
           "avgPrice": 0,
           "clientOrderId": "legacy-bid",
           "closePosition": false,
           "cumQuote": 0,
           "executedQty": 0,
           "orderId": 3,
           "origQty": 0.1,
           "origType": "LIMIT",
           "price": 2900,
           "reduceOnly": false,
           "side": "BUY",
           "status": "NEW",
           "stopPrice": 0,
           "symbol": "ETHUSDT",
           "time": 1796652539370,
           "timeInForce": "GTC",
           "type": "LIMIT",
           "updateTime": 1796652539370
          },
          {
           "avgPrice": 100000,
           "clientOrderId": "legacy-open",
           "closePosition": false,
           "cumQuote": 200,
           "executedQty": 0.002,
           "orderId": 4,
           "origQty": 0.002,
           "origType": "MARKET",
           "price": 0,
           "reduceOnly": false,
           "side": "BUY",
           "status": "FILLED",
           "stopPrice": 0,
           "symbol": "BTCUSDT",
           "time": 1796652539370,
           "timeInForce": "GTC",
           "type": "MARKET",
           "updateTime": 1796652539370
          }
         ],
         "positions": {
          "BTCUSDT": {
           "accumulatedRealized": 0,
           "amount": 0.002,
           "entryPrice": 100000,
           "symbol": "BTCUSDT",
           "updateTime": 1796652539370
          },
          "ETHUSDT": {
           "accumulatedRealized": 0,
           "amount": 0.3,
           "entryPrice": 3000,
           "symbol": "ETHUSDT",
           "updateTime": 1796652539370
          }
         },
         "savedAt": 1796652539370,
         "trades": [
          {
           "commission": 0.6,
           "id": 1,
           "maker": false,
           "orderId": 1,
           "price": 3000,
           "qty": 0.5,
           "quoteQty": 1500,
           "realizedPnl": 0,
           "side": "BUY",
           "symbol": "ETHUSDT",
           "time": 1796652539370
          },
          {
           "commission": 0.24,
           "id": 2,
           "maker": false,
           "orderId": 2,
           "price": 3000,
           "qty": 0.2,
           "quoteQty": 600,
           "realizedPnl": 0,
           "side": "SELL",
           "symbol": "ETHUSDT",
           "time": 1796652539370
          },
          {
           "commission": 0.08,
           "id": 3,
           "maker": false,
           "orderId": 4,
           "price": 100000,
           "qty": 0.002,
           "quoteQty": 200,
           "realizedPnl": 0,
           "side": "BUY",
           "symbol": "BTCUSDT",
           "time": 1796652539370
          }
         ],
         "updateTime": 1796652539370,
         "walletBalance": 9999.08
        }
        """#
}
