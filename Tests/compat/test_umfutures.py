"""Binance's own `binance-futures-connector` (`UMFutures`) against paperexchange.

The base URL is its only setting. It puts every parameter in the query string (POST and
DELETE too), sends `Content-Type: application/json` with an empty body, and no recvWindow
(shared/reference/binance-clients.md §3). It returns the decoded JSON unchanged, so these
tests check the fields a caller reads.
"""

from decimal import Decimal

import pytest
from binance.error import ClientError
from binance.um_futures import UMFutures

from conftest import BTC_MARK, RequestLog, client_id, now_ms


@pytest.fixture
def client(exchange):
    connector = UMFutures(exchange.api_key, exchange.api_secret, base_url=exchange.base_url, timeout=10)
    connector.request_log = RequestLog(connector.session)
    return connector


def buy(client, quantity=0.01, **extra):
    return client.new_order(symbol="BTCUSDT", side="BUY", type="MARKET", quantity=quantity, **extra)


def test_public_endpoints(client):
    assert abs(client.time()["serverTime"] - now_ms()) < 60_000
    info = client.exchange_info()
    btc = next(symbol for symbol in info["symbols"] if symbol["symbol"] == "BTCUSDT")
    assert btc["contractType"] == "PERPETUAL"
    assert btc["status"] == "TRADING"
    assert (btc["baseAsset"], btc["quoteAsset"], btc["marginAsset"]) == ("BTC", "USDT", "USDT")
    assert {"MARKET", "LIMIT", "STOP_MARKET", "TAKE_PROFIT_MARKET"} <= set(btc["orderTypes"])
    filters = {f["filterType"]: f for f in btc["filters"]}
    assert {"PRICE_FILTER", "LOT_SIZE", "MARKET_LOT_SIZE", "MIN_NOTIONAL"} <= set(filters)
    assert Decimal(filters["LOT_SIZE"]["stepSize"]) == Decimal("0.001")
    assert Decimal(filters["PRICE_FILTER"]["tickSize"]) == Decimal("0.1")
    assert Decimal(filters["MIN_NOTIONAL"]["notional"]) == Decimal("100")
    assert float(client.mark_price("BTCUSDT")["markPrice"]) == pytest.approx(BTC_MARK, rel=0.01)
    klines = client.klines("BTCUSDT", "1m", limit=10)
    assert len(klines) == 10 and len(klines[0]) >= 6
    assert float(client.book_ticker("BTCUSDT")["bidPrice"]) > 0
    assert float(client.ticker_24hr_price_change("BTCUSDT")["lastPrice"]) > 0
    assert len(client.depth("BTCUSDT", limit=5)["bids"]) == 5


def test_account_and_balance_v3(client):
    account = client.account()
    [usdt] = account["assets"]
    assert usdt["asset"] == "USDT"
    assert usdt["updateTime"] > 0
    assert Decimal(account["availableBalance"]) == Decimal(10_000)
    [balance] = client.balance()
    assert balance["asset"] == "USDT" and Decimal(balance["balance"]) == Decimal(10_000)
    assert [path for _, path, _ in client.request_log.calls] == ["/fapi/v3/account", "/fapi/v3/balance"]


def test_leverage(client):
    answer = client.change_leverage(symbol="BTCUSDT", leverage=5)
    assert answer == {"leverage": 5, "maxNotionalValue": answer["maxNotionalValue"], "symbol": "BTCUSDT"}
    with pytest.raises(ClientError) as raised:
        client.change_leverage(symbol="BTCUSDT", leverage=500)
    assert raised.value.error_code == -4028


def test_market_order_ack_then_query_by_client_id(client):
    cid = client_id("conn")
    ack = buy(client, newClientOrderId=cid)
    # No newOrderRespType: Binance answers ACK, which never shows the fill.
    assert ack["status"] == "NEW"
    assert Decimal(ack["executedQty"]) == 0
    assert ack["clientOrderId"] == cid
    order = client.query_order(symbol="BTCUSDT", origClientOrderId=cid)
    assert order["orderId"] == ack["orderId"]
    assert order["status"] == "FILLED"
    assert Decimal(order["executedQty"]) == Decimal("0.01")
    assert float(order["avgPrice"]) == pytest.approx(BTC_MARK, rel=0.01)
    assert Decimal(order["cumQuote"]) > 0
    result = buy(client, newOrderRespType="RESULT")
    assert result["status"] == "FILLED" and Decimal(result["executedQty"]) == Decimal("0.01")


def test_position_risk_v3_and_trades(client):
    ack = buy(client, newClientOrderId=client_id())
    [position] = client.get_position_risk(symbol="BTCUSDT")
    assert Decimal(position["positionAmt"]) == Decimal("0.01")
    assert Decimal(position["entryPrice"]) > 0
    assert Decimal(position["notional"]) > 0
    assert ("GET", "/fapi/v3/positionRisk", 200) in client.request_log.calls
    [trade] = client.get_account_trades(symbol="BTCUSDT", orderId=ack["orderId"])
    assert trade["orderId"] == ack["orderId"]
    assert Decimal(trade["qty"]) == Decimal("0.01")
    assert Decimal(trade["commission"]) > 0


def test_algo_stop_by_client_algo_id_and_algo_id(client):
    buy(client)
    cid = client_id("algo")
    placed = client.sign_request("POST", "/fapi/v1/algoOrder", {
        "algoType": "CONDITIONAL", "symbol": "BTCUSDT", "side": "SELL", "type": "STOP_MARKET",
        "triggerPrice": "45000", "closePosition": "true", "workingType": "MARK_PRICE", "clientAlgoId": cid})
    assert placed["algoStatus"] == "NEW" and placed["clientAlgoId"] == cid
    # Queried and cancelled without `symbol`, as the connector's users do.
    queried = client.sign_request("GET", "/fapi/v1/algoOrder", {"clientAlgoId": cid})
    assert queried["algoId"] == placed["algoId"]
    assert Decimal(queried["triggerPrice"]) == Decimal("45000")
    open_algos = client.sign_request("GET", "/fapi/v1/openAlgoOrders", {"symbol": "BTCUSDT"})
    assert [o["algoId"] for o in open_algos] == [placed["algoId"]]
    cancelled = client.sign_request("DELETE", "/fapi/v1/algoOrder", {"algoId": placed["algoId"]})
    assert cancelled["algoId"] == placed["algoId"]
    assert str(cancelled["code"]) == "200"
    assert client.sign_request("GET", "/fapi/v1/algoOrder", {"algoId": placed["algoId"]})["algoStatus"] == "CANCELED"
    with pytest.raises(ClientError) as raised:
        client.query_order(symbol="BTCUSDT", orderId=placed["algoId"])
    assert raised.value.error_code == -2013


def test_reduce_only_close_with_result(client):
    buy(client)
    cid = client_id("close")
    close = client.new_order(symbol="BTCUSDT", side="SELL", type="MARKET", quantity=0.01, reduceOnly="true",
                             newClientOrderId=cid, newOrderRespType="RESULT")
    assert close["status"] == "FILLED"
    assert close["reduceOnly"] is True
    assert Decimal(close["avgPrice"]) > 0
    assert client.get_position_risk(symbol="BTCUSDT") == []


def test_error_codes_and_http_statuses(client, exchange):
    with pytest.raises(ClientError) as raised:
        client.new_order(symbol="BTCUSDT", side="SELL", type="MARKET", quantity=0.01, reduceOnly="true")
    assert (raised.value.status_code, raised.value.error_code) == (400, -2022)
    assert raised.value.error_message == "ReduceOnly Order is rejected."

    wrong_secret = UMFutures(exchange.api_key, "not-the-secret", base_url=exchange.base_url)
    with pytest.raises(ClientError) as raised:
        wrong_secret.account()
    assert (raised.value.status_code, raised.value.error_code) == (400, -1022)

    unknown_key = UMFutures("not-the-key", exchange.api_secret, base_url=exchange.base_url)
    with pytest.raises(ClientError) as raised:
        unknown_key.account()
    assert (raised.value.status_code, raised.value.error_code) == (401, -2015)

    with pytest.raises(ClientError) as raised:
        client.change_margin_type(symbol="BTCUSDT", marginType="CROSSED")
    assert (raised.value.error_code, raised.value.error_message) == (-4046, "No need to change margin type.")

    with pytest.raises(ClientError) as raised:
        client.query_order(symbol="NOPEUSDT", orderId=1)
    assert raised.value.error_code == -1121


def test_income_history(client, exchange):
    start = now_ms() - 60_000
    buy(client)
    exchange.set_price("BTCUSDT", BTC_MARK + 1_000)  # a certain, non-zero realized profit
    client.new_order(symbol="BTCUSDT", side="SELL", type="MARKET", quantity=0.01, reduceOnly="true")
    income = client.get_income_history(symbol="BTCUSDT", startTime=start, limit=1000)
    kinds = sorted(row["incomeType"] for row in income)
    assert kinds == ["COMMISSION", "COMMISSION", "REALIZED_PNL"]
    assert all(row["time"] >= start and row["asset"] == "USDT" for row in income)
    only_pnl = client.get_income_history(symbol="BTCUSDT", incomeType="REALIZED_PNL")
    assert [row["incomeType"] for row in only_pnl] == ["REALIZED_PNL"]
    assert Decimal(only_pnl[0]["income"]) > 0


def test_open_orders_and_cancel(client):
    placed = client.new_order(symbol="BTCUSDT", side="BUY", type="LIMIT", quantity=0.01, price=48_500,
                              timeInForce="GTC", newClientOrderId=client_id("limit"))
    assert placed["status"] == "NEW"
    assert [o["orderId"] for o in client.get_orders(symbol="BTCUSDT")] == [placed["orderId"]]
    cancelled = client.cancel_order(symbol="BTCUSDT", orderId=placed["orderId"])
    assert cancelled["status"] == "CANCELED"
    assert client.get_orders(symbol="BTCUSDT") == []
    with pytest.raises(ClientError) as raised:
        client.cancel_order(symbol="BTCUSDT", orderId=placed["orderId"])
    assert raised.value.error_code == -2011
