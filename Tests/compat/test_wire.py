"""Wire rules no single client exercises alone, checked with hand-built signed requests.

- parameters in the query, in a form body, or split between them, signed over query + body;
- a JSON Content-Type does not make the server parse the body; an empty POST body is fine;
- recvWindow (ccxt sends 10000) and the timestamp window; unknown parameters ignored;
- the Python apply layer's own client (shared/design/wire.md, "What paperexchange must also
  accept"): everything in the query, no client id, no response type, str(float) quantities,
  `/fapi/v2/positionRisk` without a symbol;
- `{"code", "msg"}` error bodies with Binance's HTTP statuses.
"""

import hashlib
import hmac
import time
import urllib.parse

import pytest
import requests

from conftest import BTC_MARK


def sign(exchange, payload: str) -> str:
    return hmac.new(exchange.api_secret.encode(), payload.encode(), hashlib.sha256).hexdigest()


def call(exchange, method, path, query=None, body=None, *, key=None, content_type="application/x-www-form-urlencoded",
         signed=True, tamper=False):
    """Sends `query` and `body` (lists of pairs, already in order) signed over query + body."""
    query = list(query or [])
    body = list(body or [])
    if signed:
        if not any(name == "timestamp" for name, _ in query + body):
            query.append(("timestamp", str(int(time.time() * 1000))))
        query_text = urllib.parse.urlencode(query)
        body_text = urllib.parse.urlencode(body)
        signature = sign(exchange, query_text + body_text)
        if tamper:
            signature = signature[:-1] + ("0" if signature[-1] != "0" else "1")
        query_text += ("&" if query_text else "") + "signature=" + signature
    else:
        query_text = urllib.parse.urlencode(query)
        body_text = urllib.parse.urlencode(body)
    url = f"{exchange.base_url}{path}" + (f"?{query_text}" if query_text else "")
    headers = {"X-MBX-APIKEY": key or exchange.api_key, "Content-Type": content_type}
    return requests.request(method, url, data=body_text.encode(), headers=headers, timeout=10)


def market_buy(quantity="0.01"):
    return [("symbol", "BTCUSDT"), ("side", "BUY"), ("type", "MARKET"), ("quantity", quantity)]


def test_parameters_split_between_query_and_body(exchange):
    params = market_buy() + [("newOrderRespType", "RESULT")]
    answer = call(exchange, "POST", "/fapi/v1/order", query=params[:2], body=params[2:])
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "FILLED"
    # The signature must cover the body: moving a signed body parameter breaks it.
    query = params[:2] + [("timestamp", str(int(time.time() * 1000)))]
    body = params[2:]
    signature = sign(exchange, urllib.parse.urlencode(query))  # signed without the body
    url = f"{exchange.base_url}/fapi/v1/order?{urllib.parse.urlencode(query)}&signature={signature}"
    rejected = requests.post(url, data=urllib.parse.urlencode(body), timeout=10,
                             headers={"X-MBX-APIKEY": exchange.api_key,
                                      "Content-Type": "application/x-www-form-urlencoded"})
    assert (rejected.status_code, rejected.json()["code"]) == (400, -1022)


def test_everything_in_a_form_body(exchange):
    body = market_buy() + [("timestamp", str(int(time.time() * 1000))), ("recvWindow", "10000")]
    body.append(("signature", sign(exchange, urllib.parse.urlencode(body))))
    answer = requests.post(f"{exchange.base_url}/fapi/v1/order", data=urllib.parse.urlencode(body), timeout=10,
                           headers={"X-MBX-APIKEY": exchange.api_key,
                                    "Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "NEW"  # ACK by default


def test_json_content_type_with_empty_body(exchange):
    answer = call(exchange, "POST", "/fapi/v1/leverage", query=[("symbol", "BTCUSDT"), ("leverage", "7")],
                  content_type="application/json;charset=utf-8")
    assert answer.status_code == 200, answer.text
    assert answer.json()["leverage"] == 7
    cancel = call(exchange, "DELETE", "/fapi/v1/allOpenOrders", query=[("symbol", "BTCUSDT")],
                  content_type="application/json;charset=utf-8")
    assert cancel.status_code == 200, cancel.text


def test_recv_window_and_timestamp(exchange):
    old = str(int(time.time() * 1000) - 8_000)
    too_old = call(exchange, "GET", "/fapi/v3/account", query=[("timestamp", old)])
    assert too_old.json()["code"] == -1021
    widened = call(exchange, "GET", "/fapi/v3/account", query=[("timestamp", old), ("recvWindow", "10000")])
    assert widened.status_code == 200, widened.text
    ahead = call(exchange, "GET", "/fapi/v3/account", query=[("timestamp", str(int(time.time() * 1000) + 5_000))])
    assert ahead.json()["code"] == -1021


def test_unknown_parameters_are_ignored(exchange):
    answer = call(exchange, "GET", "/fapi/v2/account", query=[("useV2", "true"), ("somethingElse", "1")])
    assert answer.status_code == 200, answer.text
    placed = call(exchange, "POST", "/fapi/v1/order", body=market_buy() + [("newOrderRespType", "RESULT")])
    assert placed.status_code == 200
    algo = call(exchange, "POST", "/fapi/v1/algoOrder", body=[
        ("symbol", "BTCUSDT"), ("side", "SELL"), ("type", "STOP_MARKET"), ("quantity", "0.01"),
        ("triggerPrice", "45000"), ("reduceOnly", "true"), ("algoType", "CONDITIONAL"),
        ("newOrderRespType", "RESULT"), ("recvWindow", "10000")])
    assert algo.status_code == 200, algo.text
    algo_id = str(algo.json()["algoId"])
    queried = call(exchange, "GET", "/fapi/v1/algoOrder", query=[("symbol", "BTCUSDT"), ("algoId", algo_id)])
    assert queried.json()["algoStatus"] == "NEW"


def test_apply_layer_client_shape(exchange):
    """Query-only POST, empty body, no Content-Type, no client id, no response type, str(float)."""
    query = [("symbol", "BTCUSDT"), ("side", "BUY"), ("type", "MARKET"), ("quantity", str(0.01 * 2)),
             ("timestamp", str(int(time.time() * 1000)))]
    text = urllib.parse.urlencode(query)
    answer = requests.post(f"{exchange.base_url}/fapi/v1/order?{text}&signature={sign(exchange, text)}",
                           headers={"X-MBX-APIKEY": exchange.api_key}, timeout=10)
    assert answer.status_code == 200, answer.text
    ack = answer.json()
    assert (ack["status"], float(ack["executedQty"])) == ("NEW", 0)
    assert len(ack["clientOrderId"]) > 0
    rows = call(exchange, "GET", "/fapi/v2/positionRisk").json()
    assert {row["symbol"] for row in rows} == set(exchange.symbols)
    btc = next(row for row in rows if row["symbol"] == "BTCUSDT")
    assert float(btc["positionAmt"]) == pytest.approx(0.02)
    assert float(btc["entryPrice"]) == pytest.approx(BTC_MARK, rel=0.01)
    assert btc["leverage"] == "20" and btc["marginType"] == "cross"


def test_error_bodies_and_statuses(exchange):
    missing = requests.get(f"{exchange.base_url}/fapi/v1/noSuchThing", timeout=10)
    assert missing.status_code == 404
    assert set(missing.json()) == {"code", "msg"} and missing.json()["code"] < 0
    bad_signature = call(exchange, "GET", "/fapi/v3/account", tamper=True)
    assert (bad_signature.status_code, bad_signature.json()["code"]) == (400, -1022)
    bad_key = call(exchange, "GET", "/fapi/v3/account", key="someone-else")
    assert (bad_key.status_code, bad_key.json()["code"]) == (401, -2015)
    no_signature = call(exchange, "GET", "/fapi/v3/account", signed=False,
                        query=[("timestamp", str(int(time.time() * 1000)))])
    assert no_signature.status_code == 400 and no_signature.json()["code"] == -1102
    margin = call(exchange, "POST", "/fapi/v1/marginType", body=[("symbol", "BTCUSDT"), ("marginType", "CROSSED")])
    assert margin.json() == {"code": -4046, "msg": "No need to change margin type."}
    isolated = call(exchange, "POST", "/fapi/v1/marginType", body=[("symbol", "BTCUSDT"), ("marginType", "ISOLATED")])
    assert isolated.json() == {"code": 200, "msg": "success"}


def test_account_rows_look_real(exchange):
    call(exchange, "POST", "/fapi/v1/order", body=[("symbol", "BTCUSDT"), ("side", "SELL"), ("type", "MARKET"),
                                                   ("quantity", "0.01")])
    [short] = call(exchange, "GET", "/fapi/v3/positionRisk").json()
    assert short["symbol"] == "BTCUSDT"
    assert float(short["positionAmt"]) == pytest.approx(-0.01)
    assert float(short["notional"]) < 0  # signed: ccxt takes the side from it
    assert float(short["entryPrice"]) > 0
    account = call(exchange, "GET", "/fapi/v3/account").json()
    assert all(asset["updateTime"] > 0 for asset in account["assets"])
    assert [p["symbol"] for p in account["positions"]] == ["BTCUSDT"]
    brackets = call(exchange, "GET", "/fapi/v1/leverageBracket").json()
    assert {row["symbol"] for row in brackets} == set(exchange.symbols)
    assert all(row["brackets"][0]["notionalFloor"] == 0 for row in brackets)


def test_funding_rate_history_windows(exchange):
    url = f"{exchange.base_url}/fapi/v1/fundingRate"
    eight_hours = 8 * 3600 * 1000
    latest = requests.get(url, params={"symbol": "BTCUSDT", "limit": 3}, timeout=10).json()
    times = [row["fundingTime"] for row in latest]
    assert len(times) == 3 and all(b - a == eight_hours for a, b in zip(times, times[1:]))
    assert times[-1] <= int(time.time() * 1000)
    start = times[0] - 2 * eight_hours + 1
    window = requests.get(url, params={"symbol": "BTCUSDT", "startTime": start, "limit": 2}, timeout=10).json()
    assert [row["fundingTime"] for row in window] == [times[0] - eight_hours, times[0]]
    ended = requests.get(url, params={"symbol": "BTCUSDT", "endTime": times[-1] - 1, "limit": 1}, timeout=10).json()
    assert [row["fundingTime"] for row in ended] == [times[-2]]
    every_symbol = requests.get(url, params={"limit": len(exchange.symbols)}, timeout=10).json()
    assert {row["symbol"] for row in every_symbol} == set(exchange.symbols)
    assert {row["fundingTime"] for row in every_symbol} == {times[-1]}
