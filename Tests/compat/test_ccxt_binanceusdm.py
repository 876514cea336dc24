"""ccxt's `binanceusdm` against paperexchange, as shared/reference/binance-clients.md §2 measured it.

Only the URLs (all moved onto the paper exchange) and `fetchCurrencies: False` differ from a
real Binance set-up.
"""

import ccxt
import pytest

from conftest import BTC_MARK, client_id, make_ccxt, now_ms

SYMBOL = "BTC/USDT:USDT"


@pytest.fixture
def client(exchange):
    return make_ccxt(ccxt.binanceusdm, exchange)


def open_long(client, amount=0.01):
    return client.create_order(SYMBOL, "market", "buy", amount, None, {"clientOrderId": client_id("open")})


def test_load_markets_reads_only_exchange_info(client):
    markets = client.load_markets()
    assert client.request_log.calls == [("GET", "/fapi/v1/exchangeInfo", 200)]
    market = markets[SYMBOL]
    assert market["id"] == "BTCUSDT"
    assert market["type"] == "swap" and market["linear"] and market["contract"]
    assert market["active"] is True
    assert market["settle"] == "USDT"
    # ccxt rounds amounts with LOT_SIZE.stepSize and prices with PRICE_FILTER.tickSize.
    assert market["precision"]["amount"] == pytest.approx(0.001)
    assert market["precision"]["price"] == pytest.approx(0.1)
    assert market["limits"]["cost"]["min"] == pytest.approx(100)
    assert market["limits"]["amount"]["min"] == pytest.approx(0.001)
    assert {"ETH/USDT:USDT", "SOL/USDT:USDT"} <= set(markets)


def test_time_mark_price_and_candles(client):
    assert abs(client.fetch_time() - now_ms()) < 60_000
    mark = client.fetch_mark_price(SYMBOL)
    assert mark["markPrice"] == pytest.approx(BTC_MARK, rel=0.01)
    candles = client.fetch_ohlcv(SYMBOL, "1m", limit=5)
    assert len(candles) == 5
    assert all(len(row) == 6 and row[2] >= row[3] > 0 for row in candles)
    assert candles[-1][0] > candles[0][0]


def test_balance_shows_the_starting_wallet(client):
    balance = client.fetch_balance()
    # ccxt drops assets whose updateTime is 0; the paper account reports a real one.
    assert balance["USDT"]["total"] == pytest.approx(10_000)
    assert balance["USDT"]["free"] == pytest.approx(10_000)
    assert balance["USDT"]["used"] == pytest.approx(0)
    v2 = client.fetch_balance({"useV2": True})
    assert v2["USDT"]["total"] == pytest.approx(10_000)
    assert ("GET", "/fapi/v2/account", 200) in client.request_log.calls


def test_leverage_shows_in_v2_positions(client):
    answer = client.set_leverage(5, SYMBOL)
    assert int(answer["leverage"]) == 5
    open_long(client)
    [position] = client.fetch_positions([SYMBOL], {"useV2": True})
    assert position["leverage"] == pytest.approx(5)
    assert position["marginMode"] == "cross"


def test_market_order_with_client_id_and_query_by_client_id(client):
    cid = client_id("buy")
    order = client.create_order(SYMBOL, "market", "buy", 0.01, None, {"clientOrderId": cid})
    assert order["clientOrderId"] == cid
    assert order["status"] == "closed"
    assert order["filled"] == pytest.approx(0.01)
    assert order["average"] == pytest.approx(BTC_MARK, rel=0.01)
    found = client.fetch_order(None, SYMBOL, {"clientOrderId": cid})
    assert found["id"] == order["id"]
    assert found["status"] == "closed"
    assert found["filled"] == pytest.approx(0.01)
    assert found["average"] == pytest.approx(order["average"])
    by_id = client.fetch_order(order["id"], SYMBOL)
    assert by_id["clientOrderId"] == cid


def test_order_without_client_id_gets_ccxt_broker_id(client):
    order = client.create_order(SYMBOL, "market", "buy", 0.003)
    assert order["clientOrderId"].startswith("x-cvBPrNm9")
    assert client.fetch_order(order["id"], SYMBOL)["status"] == "closed"


def test_positions_long_then_short(client):
    assert client.fetch_positions([SYMBOL]) == []
    bought = open_long(client)
    [long] = client.fetch_positions([SYMBOL])
    assert long["side"] == "long"
    assert long["contracts"] == pytest.approx(0.01)
    assert long["entryPrice"] == pytest.approx(bought["average"])
    assert long["notional"] > 0
    client.create_order(SYMBOL, "market", "sell", 0.03)
    [short] = client.fetch_positions([SYMBOL])
    assert short["side"] == "short"
    assert short["contracts"] == pytest.approx(0.02)
    assert short["entryPrice"] > 0
    # positionRisk v3 is asked without a symbol; ccxt filters on its side.
    assert client.request_log.paths().count("/fapi/v1/leverageBracket") == 1
    assert "/fapi/v3/positionRisk" in client.request_log.paths()


def test_positions_from_the_account_endpoints(client):
    bought = open_long(client)
    [v3] = client.fetch_positions([SYMBOL], {"method": "account"})
    assert v3["side"] == "long" and v3["contracts"] == pytest.approx(0.01)
    [v2] = client.fetch_positions([SYMBOL], {"method": "account", "useV2": True})
    assert v2["entryPrice"] == pytest.approx(bought["average"])
    assert v2["leverage"] == pytest.approx(20)
    assert ("GET", "/fapi/v3/account", 200) in client.request_log.calls


def test_my_trades_since(client):
    since = client.milliseconds() - 60_000
    order = open_long(client)
    trades = client.fetch_my_trades(SYMBOL, since)
    assert [trade["order"] for trade in trades] == [order["id"]]
    trade = trades[0]
    assert trade["amount"] == pytest.approx(0.01)
    assert trade["price"] == pytest.approx(order["average"])
    assert trade["side"] == "buy"
    assert trade["fee"]["currency"] == "USDT"
    assert trade["fee"]["cost"] > 0
    assert trade["timestamp"] >= since


def test_reduce_only_close_flattens(client):
    open_long(client)
    cid = client_id("close")
    close = client.create_order(SYMBOL, "market", "sell", 0.01, None, {"reduceOnly": True, "clientOrderId": cid})
    assert close["status"] == "closed"
    assert close["reduceOnly"] is True
    assert close["filled"] == pytest.approx(0.01)
    assert client.fetch_positions([SYMBOL]) == []


def test_rejected_reduce_only_is_exchange_error_2022(client):
    with pytest.raises(ccxt.ExchangeError) as raised:
        client.create_order(SYMBOL, "market", "sell", 0.01, None, {"reduceOnly": True, "clientOrderId": client_id()})
    assert '"code":-2022' in str(raised.value)
    # With a non-Binance URL ccxt maps -2022 through its common table only (reference §5):
    # a plain ExchangeError, not InvalidOrder. This pins that known client behaviour.
    assert type(raised.value) is ccxt.ExchangeError


def test_wrong_secret_and_unknown_key_are_authentication_errors(exchange):
    wrong_secret = make_ccxt(ccxt.binanceusdm, exchange, secret="not-the-secret")
    with pytest.raises(ccxt.AuthenticationError, match="-1022"):
        wrong_secret.fetch_balance()
    unknown_key = make_ccxt(ccxt.binanceusdm, exchange, api_key="not-the-key")
    with pytest.raises(ccxt.AuthenticationError, match="-2015"):
        unknown_key.fetch_balance()
    assert unknown_key.request_log.calls[-1] == ("GET", "/fapi/v3/account", 401)


def test_algo_stop_placed_queried_listed_and_cancelled(client):
    open_long(client)
    cid = client_id("stop")
    stop = client.create_order(SYMBOL, "market", "sell", 0.01, None, {
        "triggerPrice": 45_000, "reduceOnly": True, "workingType": "MARK_PRICE", "clientOrderId": cid})
    assert ("POST", "/fapi/v1/algoOrder", 200) in client.request_log.calls
    assert stop["status"] == "open"
    assert stop["clientOrderId"] == cid
    assert stop["triggerPrice"] == pytest.approx(45_000)
    assert stop["amount"] == pytest.approx(0.01)

    queried = client.fetch_order(stop["id"], SYMBOL, {"trigger": True})
    assert queried["id"] == stop["id"] and queried["status"] == "open"
    by_client_id = client.fetch_order(None, SYMBOL, {"trigger": True, "clientOrderId": cid})
    assert by_client_id["id"] == stop["id"]
    listed = client.fetch_open_orders(SYMBOL, params={"trigger": True})
    assert [order["id"] for order in listed] == [stop["id"]]
    # Without the trigger flag ccxt asks /fapi/v1/order?orderId=<algoId>: -2013, as on Binance.
    with pytest.raises(ccxt.OrderNotFound):
        client.fetch_order(stop["id"], SYMBOL)

    cancelled = client.cancel_order(stop["id"], SYMBOL, {"trigger": True})
    assert cancelled["status"] == "canceled"
    assert client.fetch_order(stop["id"], SYMBOL, {"trigger": True})["status"] == "canceled"
    assert client.fetch_open_orders(SYMBOL, params={"trigger": True}) == []
    with pytest.raises(ccxt.OrderNotFound):
        client.cancel_order(stop["id"], SYMBOL, {"trigger": True})


def test_algo_stop_fires_at_the_mark(client, exchange):
    open_long(client)
    stop = client.create_order(SYMBOL, "market", "sell", None, None, {
        "triggerPrice": 48_000, "closePosition": True, "workingType": "MARK_PRICE"})
    assert stop["status"] == "open"
    exchange.set_price("BTCUSDT", 47_500)
    assert client.fetch_order(stop["id"], SYMBOL, {"trigger": True})["status"] == "closed"
    assert client.fetch_positions([SYMBOL]) == []


def test_stop_loss_and_take_profit_prices_map_to_algo_types(client):
    open_long(client)
    loss = client.create_order(SYMBOL, "market", "sell", 0.01, None, {"stopLossPrice": 45_000, "reduceOnly": True})
    profit = client.create_order(SYMBOL, "market", "sell", 0.01, None, {"takeProfitPrice": 55_000, "reduceOnly": True})
    listed = client.fetch_open_orders(SYMBOL, params={"trigger": True})
    kinds = {order["id"]: order["info"]["orderType"] for order in listed}
    assert kinds == {loss["id"]: "STOP_MARKET", profit["id"]: "TAKE_PROFIT_MARKET"}
    with pytest.raises(ccxt.ExchangeError, match="-2021"):  # a stop already through the mark
        client.create_order(SYMBOL, "market", "sell", 0.01, None, {"stopLossPrice": 55_000, "reduceOnly": True})


def test_order_history_funding_rate_and_fees(client):
    order = open_long(client)
    history = client.fetch_orders(SYMBOL)
    assert [o["id"] for o in history] == [order["id"]]
    assert client.fetch_closed_orders(SYMBOL)[0]["status"] == "closed"
    rate = client.fetch_funding_rate(SYMBOL)
    assert rate["markPrice"] == pytest.approx(BTC_MARK, rel=0.01)
    assert rate["fundingRate"] is not None and rate["fundingTimestamp"] > 0
    fee = client.fetch_trading_fee(SYMBOL)
    assert fee["taker"] == pytest.approx(0.0004)


def test_limit_orders_open_orders_and_cancel_all(client):
    first = client.create_order(SYMBOL, "limit", "buy", 0.01, 48_500)
    second = client.create_order(SYMBOL, "limit", "buy", 0.01, 48_400)
    assert first["status"] == "open"
    assert sorted(o["id"] for o in client.fetch_open_orders(SYMBOL)) == sorted([first["id"], second["id"]])
    assert client.cancel_order(first["id"], SYMBOL)["status"] == "canceled"
    client.cancel_all_orders(SYMBOL)
    assert client.fetch_open_orders(SYMBOL) == []
    assert client.fetch_order(second["id"], SYMBOL)["status"] == "canceled"
    with pytest.raises(ccxt.OrderNotFound):
        client.cancel_order(second["id"], SYMBOL)


def test_margin_mode_and_account_settings(client):
    client.set_margin_mode("isolated", SYMBOL)
    with pytest.raises(ccxt.MarginModeAlreadySet):
        client.set_margin_mode("isolated", SYMBOL)
    assert client.fapiPrivateGetPositionSideDual()["dualSidePosition"] is False
    assert client.fapiPrivateGetMultiAssetsMargin()["multiAssetsMargin"] is False
    tiers = client.fetch_leverage_tiers([SYMBOL])
    assert tiers[SYMBOL][0]["maxLeverage"] == pytest.approx(125)


def test_market_data(client):
    ticker = client.fetch_ticker(SYMBOL)
    assert ticker["last"] == pytest.approx(BTC_MARK, rel=0.01)
    assert ticker["quoteVolume"] > 0
    assert SYMBOL in client.fetch_tickers()
    book_ticker = client.fetch_bids_asks([SYMBOL])[SYMBOL]
    assert 0 < book_ticker["bid"] < book_ticker["ask"]
    book = client.fetch_order_book(SYMBOL, 5)
    assert len(book["bids"]) == 5 and len(book["asks"]) == 5
    assert book["bids"][0][0] < book["asks"][0][0]
    rates = client.fetch_funding_rate_history(SYMBOL, limit=3)
    assert len(rates) == 3 and all(rate["timestamp"] for rate in rates)
    since = rates[0]["timestamp"] + 1
    later = client.fetch_funding_rate_history(SYMBOL, since, 2)
    assert [rate["timestamp"] for rate in later] == [rate["timestamp"] for rate in rates[1:]]
    marks = client.fetch_ohlcv(SYMBOL, "1m", limit=3, params={"price": "mark"})
    assert len(marks) == 3
    assert "/fapi/v1/markPriceKlines" in client.request_log.paths()


def test_income_ledger(client, exchange):
    since = client.milliseconds() - 60_000
    open_long(client)
    exchange.set_price("BTCUSDT", BTC_MARK - 1_000)  # a certain, non-zero realized loss
    client.create_order(SYMBOL, "market", "sell", 0.01, None, {"reduceOnly": True})
    ledger = client.fetch_ledger(None, since, None, {"symbol": "BTCUSDT"})
    types = [entry["type"] for entry in ledger]
    assert types.count("commission") == 2
    assert types.count("trade") == 1
    assert all(entry["currency"] == "USDT" and entry["timestamp"] >= since for entry in ledger)
    [pnl] = [entry for entry in ledger if entry["type"] == "trade"]
    assert pnl["direction"] == "out"
    assert pnl["amount"] == pytest.approx(0.01 * 1_000, rel=0.05)  # 0.01 BTC × the 1000 drop (+ slippage)


def test_every_call_stays_under_fapi(client):
    client.load_markets()
    open_long(client)
    client.fetch_positions([SYMBOL])
    client.fetch_balance()
    assert client.request_log.calls
    assert all(path.startswith("/fapi/") for path in client.request_log.paths())


def test_funding_history_after_a_funding_time(client, exchange):
    """Last in the module: it moves the simulated clock 8 hours ahead."""
    since = client.milliseconds() - 60_000
    open_long(client)
    exchange.advance(8 * 3600)
    funding = client.fetch_funding_history(SYMBOL, since)
    assert len(funding) >= 1
    assert all(entry["amount"] != 0 for entry in funding)
