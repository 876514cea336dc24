#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora from the repository's fixtures (see docs/fuzzing.md).

Usage: fuzz/seeds.py OUT_DIR        -> OUT_DIR/{wire,exchange,kernel}/seed-*
       fuzz/seeds.py --big OUT_DIR  -> OUT_DIR/{wire,exchange,kernel}/<name> (1 MB hostile inputs)

Framing (what the fuzz targets expect):
  wire:     b"F" + name \\0 value \\0 name \\0 value ...  (a field map)
            b"J" + JSON text (steps / steps_results / details)
            b"S" + one scalar (decimal, float, timestamp, bool)
  exchange: one status byte ("0" = 200, "1" = 400, ... see fuzz/Sources/Exchange/ExchangeFuzz.swift)
            + [Retry-After value \\0] + response body
  kernel:   b"E" + a case document (exitbrain evaluate) | b"M" + a closes document
"""
import hashlib
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "SharedTests", "Fixtures")


def write(out, target, data):
    directory = os.path.join(out, target)
    os.makedirs(directory, exist_ok=True)
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(directory, name), "wb") as handle:
        handle.write(data)


def field_map(pairs):
    return b"F" + b"\0".join(k.encode() + b"\0" + v.encode() for k, v in pairs)


def wire(out):
    with open(os.path.join(FIXTURES, "wire-examples.json")) as handle:
        examples = json.load(handle)
    for stream in ("apply.plan", "apply.result"):
        for message in examples[stream].values():
            write(out, "wire", field_map(list(message.items())))
            for key in ("steps", "steps_results", "details"):
                if message.get(key):
                    write(out, "wire", b"J" + message[key].encode())
            for value in message.values():
                write(out, "wire", b"S" + value.encode())
    # The hashes of wire.md in the encodings the writers use.
    position = [("symbol", "BTCUSDT"), ("side", "LONG"), ("quantity", "0.012"), ("entry_price", "60012.5"),
                ("leverage", "10"), ("stop_loss", "0"), ("take_profit", "0"), ("plan_id", "5e1f0c2a9b7d4e11"),
                ("created_at", "1770133200"), ("updated_at", "1770133200"), ("source", "applylayer"),
                ("atr_value", "120.5"), ("volatility_factor", "1.2"), ("entry_risk_usdt", "1.7352"),
                ("risk_price", "59891.9"), ("risk_missing", "0")]
    write(out, "wire", field_map(position))
    write(out, "wire", field_map([("qty", "-2351.835"), ("side", "SELL"), ("entry_price", "0.0123")]))
    proposal = [("harvest_action", "PARTIAL_75"), ("new_sl_proposed", "None"), ("R_net", "6.4"),
                ("risk_unit", "1337.9233981"), ("cost_est", "66.89616990500001"), ("kill_score", "0.7119699587849092"),
                ("reason_codes", "harvest_partial_75,profit_lock"), ("k_regime_flip", "1.0"), ("k_sigma_spike", "0.0"),
                ("k_ts_drop", "0.24159399999999998"), ("k_age_penalty", "0.041666666666666664"),
                ("sigma", "0.03548073"), ("ts", "0.504653"), ("p_trend", "0.559144"), ("p_mr", "0.096972"),
                ("p_chop", "0.317754"), ("computed_at_utc", "2026-02-03T15:42:39.123456"),
                ("last_update_epoch", "1770133359"), ("position_side", "LONG"), ("position_age_sec", "9661.8"),
                ("position_current_price", "83840.161034"), ("position_entry_price", "66896.169905"),
                ("position_unrealized_pnl", "23107.079854"), ("calibrated", "1"), ("action", "FULL_CLOSE_PROPOSED")]
    write(out, "wire", field_map(proposal))
    market = [("sigma", "0.03548073"), ("mu", "-0.00012345"), ("ts", "0.504653"), ("p_trend", "0.559144"),
              ("p_mr", "0.096972"), ("p_chop", "0.317754"), ("dp", "0.012000"), ("vr", "1.100000"),
              ("spike_proxy", "0.300000"), ("ts_timestamp", "1770133359123"), ("buffer_size", "300")]
    write(out, "wire", field_map(market))
    stop = [("plan_id", "sl_ETHUSDT_1"), ("symbol", "ETHUSDT"), ("action", "UPDATE_SL"), ("decision", "EXECUTE"),
            ("steps", '[{"step": "UPDATE_SL", "type": "stop_loss_order", "side": "close", "price": 50.15}]'),
            ("new_sl_proposed", "50.15"), ("reason_codes", "profit_lock"), ("timestamp", "1770133359.25")]
    write(out, "wire", field_map(stop))
    for scalar in ["33892.56058295204", "1e-05", "-0.0", " 7 ", "1770133359123", "1e15", "True", "None",
                   "nan", "+.5e+3", "123456789012345678901234567890.5"]:
        write(out, "wire", b"S" + scalar.encode())
    write(out, "wire", b'J{"a": [1, -2.5e-3, true, null, "\\u00e9\\ud83d\\ude00"], "b": {}}')


# Response bodies: the shapes of reference/binance-futures.md §3-§7 and the client's tests.
EXCHANGE = [
    b'0{"clientOrderId":"plan:BTCUSDT:1","cumQty":"0.010","cumQuote":"600.12000","executedQty":"0.010",'
    b'"orderId":4611875134427365377,"avgPrice":"60012.00000","origQty":"0.010","price":"0","reduceOnly":true,'
    b'"side":"SELL","positionSide":"BOTH","status":"FILLED","stopPrice":"0","closePosition":false,'
    b'"symbol":"BTCUSDT","timeInForce":"GTC","type":"MARKET","origType":"MARKET","updateTime":1700000000123,'
    b'"workingType":"CONTRACT_PRICE","priceProtect":false,"priceMatch":"NONE","selfTradePreventionMode":"NONE","goodTillDate":0}',
    b'0{"clientOrderId":"x","executedQty":"0","orderId":1,"origQty":"1.5","price":"0","side":"BUY","status":"NEW",'
    b'"symbol":"ETHUSDT","type":"MARKET","time":5}',
    b'0[{"symbol":"ADAUSDT","positionSide":"LONG","positionAmt":"30","entryPrice":"0.385","breakEvenPrice":"0.385077",'
    b'"markPrice":"0.41047590","unRealizedProfit":"0.76427700","liquidationPrice":"0","isolatedMargin":"0",'
    b'"notional":"12.31427700","marginAsset":"USDT","isolatedWallet":"0","initialMargin":"0.61571385",'
    b'"maintMargin":"0.08004280","adl":2,"bidNotional":"0","askNotional":"0","updateTime":1720736417660},'
    b'{"symbol":"COMPUSDT","positionSide":"SHORT","positionAmt":"-1.000","entryPrice":"70.92841",'
    b'"markPrice":"49.72023376","unRealizedProfit":"21.20817624","liquidationPrice":"2260.56757210",'
    b'"notional":"-49.72023376","updateTime":1708943511656}]',
    b'0{"symbol":"BTCUSDT","positionAmt":"0.000","entryPrice":"0.0","markPrice":"6679.5","leverage":"10",'
    b'"marginType":"cross","positionSide":"BOTH","updateTime":0}',
    b'0{"timezone":"UTC","serverTime":1565613908500,'
    b'"rateLimits":[{"interval":"MINUTE","intervalNum":1,"limit":2400,"rateLimitType":"REQUEST_WEIGHT"},'
    b'{"interval":"MINUTE","intervalNum":1,"limit":1200,"rateLimitType":"ORDERS"},'
    b'{"interval":"SECOND","intervalNum":10,"limit":300,"rateLimitType":"ORDERS"}],'
    b'"symbols":[{"symbol":"BTCUSDT","pair":"BTCUSDT","contractType":"PERPETUAL","status":"TRADING",'
    b'"baseAsset":"BTC","quoteAsset":"USDT","pricePrecision":2,"quantityPrecision":3,'
    b'"filters":[{"filterType":"PRICE_FILTER","maxPrice":"809484","minPrice":"261.10","tickSize":"0.10"},'
    b'{"filterType":"LOT_SIZE","maxQty":"1000","minQty":"0.001","stepSize":"0.001"},'
    b'{"filterType":"MARKET_LOT_SIZE","maxQty":"120","minQty":"0.001","stepSize":"0.001"},'
    b'{"filterType":"MAX_NUM_ORDERS","limit":200},{"filterType":"MIN_NOTIONAL","notional":"100"},'
    b'{"filterType":"PERCENT_PRICE","multiplierUp":"1.0500","multiplierDown":"0.9500","multiplierDecimal":"4"}]},'
    b'{"symbol":"ANKRUSDT","status":"TRADING","baseAsset":"ANKR","quoteAsset":"USDT",'
    b'"filters":[{"filterType":"LOT_SIZE","maxQty":"5000000","minQty":"1","stepSize":"1"},'
    b'{"filterType":"MIN_NOTIONAL","notional":"5"}]}]}',
    b'0[{"buyer":false,"commission":"0.02400000","commissionAsset":"USDT","id":698759,"maker":false,"orderId":25851813,'
    b'"price":"60000","qty":"0.002","quoteQty":"120","realizedPnl":"2.00000000","side":"SELL","positionSide":"BOTH",'
    b'"symbol":"BTCUSDT","time":1569514978020},'
    b'{"buyer":false,"commission":"0.03600600","commissionAsset":"BNB","id":698760,"maker":true,"orderId":25851813,'
    b'"price":"60010","qty":"0.003","quoteQty":"180.03","realizedPnl":"-3.03000000","side":"SELL","positionSide":"BOTH",'
    b'"symbol":"BTCUSDT","time":1569514978021}]',
    b'0[{"accountAlias":"SgsR","asset":"USDT","balance":"122607.35137903","crossWalletBalance":"23.72469206",'
    b'"crossUnPnl":"0.00000000","availableBalance":"23.72469206","maxWithdrawAmount":"23.72469206",'
    b'"marginAvailable":true,"updateTime":1617939110373}]',
    b'0{"symbol":"BTCUSDT","markPrice":"11793.63104562","indexPrice":"11781.80495970","estimatedSettlePrice":"11781.16138815",'
    b'"lastFundingRate":"0.00038246","interestRate":"0.00010000","nextFundingTime":1597392000000,"time":1597370495002}',
    b'0[[1499040000000,"0.01634790","0.80000000","0.01575800","0.01577100","148976.11427815",1499644799999,'
    b'"2434.19055334",308,"1756.87402397","28.46694368","0"]]',
    b'0[{"symbol":"BTCUSDT","incomeType":"FUNDING_FEE","income":"-0.12","asset":"USDT","info":"","time":5,"tranId":9,"tradeId":""},'
    b'{"symbol":"BTCUSDT","incomeType":"REALIZED_PNL","income":"2.5","asset":"USDT","info":"","time":6,"tranId":10,"tradeId":"698759"}]',
    b'0{"algoId":7,"clientAlgoId":"stop-1","algoType":"CONDITIONAL","orderType":"STOP_MARKET","symbol":"BTCUSDT",'
    b'"side":"SELL","algoStatus":"NEW","triggerPrice":"58000.1","workingType":"MARK_PRICE","closePosition":true,'
    b'"positionSide":"BOTH","createTime":1750000000000,"updateTime":1750000000001}',
    b'0{"orders":[{"algoId":8,"clientAlgoId":"stop-2","orderType":"STOP_MARKET","symbol":"ETHUSDT","side":"BUY",'
    b'"algoStatus":"NEW","triggerPrice":"3100","reduceOnly":"true"}]}',
    b'0{"leverage":21,"maxNotionalValue":"1000000","symbol":"BTCUSDT"}',
    b'0{"serverTime":1499827319559}',
    b'1{"code":-2022,"msg":"ReduceOnly Order is rejected."}',
    b'1{"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}',
    b'1{"code":-4116,"msg":"ClientOrderId is duplicated."}',
    b'1{"code":-2013,"msg":"Order does not exist."}',
    b'2{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}',
    b'77\0{"code":-1003,"msg":"Too many requests."}',
    b'6120\0{"code":-1003,"msg":"Way too many requests; IP banned until 1712840265023."}',
    b':{"code":-1000,"msg":"Unknown error, please check your request or try again later."}',
    b':{"code":-1008,"msg":"Request throttled by system-level protection."}',
    b'9<html><body>502 Bad Gateway</body></html>',
]


def exchange(out):
    for body in EXCHANGE:
        write(out, "exchange", body)


def kernel(out):
    with open(os.path.join(FIXTURES, "kernel-vectors.json")) as handle:
        vectors = json.load(handle)
    cases = vectors["cases"]
    for case in cases[::10]:
        write(out, "kernel", b"E" + json.dumps(case).encode())
    write(out, "kernel", b"E" + json.dumps({"cases": cases[:3]}).encode())
    write(out, "kernel", b"E" + json.dumps(cases[3:5]).encode())
    with open(os.path.join(FIXTURES, "marketstate-vectors.json")) as handle:
        market = json.load(handle)
    for vector in market["vectors"]:
        write(out, "kernel", b"M" + json.dumps({"prices": vector["prices"]}).encode())
    write(out, "kernel", b"M" + json.dumps(market["vectors"][0]["prices"][:20]).encode())


MB = 1 << 20


def big(out):
    """1 MB hostile inputs (deep nesting, huge values, many fields), each run once with a timeout."""
    def put(target, name, data):
        directory = os.path.join(out, target)
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, name), "wb") as handle:
            handle.write(data)

    base = [("plan_id", "p1"), ("symbol", "BTCUSDT"), ("decision", "EXECUTE"), ("side", "CLOSE"),
            ("qty", "1"), ("timestamp", "1770133359")]
    def plan(**override):
        pairs = dict(base)
        pairs.update(override)
        return field_map(list(pairs.items()))
    for field in ("plan_id", "symbol", "qty", "steps", "details", "reason_codes", "timestamp", "kill_score"):
        put("wire", "huge-" + field, plan(**{field: "9" * MB}))
    put("wire", "huge-nul-and-invalid-utf8", b"F" + b"symbol\0" + b"\xff\xfe\x80" * (MB // 3))
    put("wire", "many-fields", b"F" + b"\0".join(b"f%d\0%d" % (i, i) for i in range(100000)))
    put("wire", "deep-steps-under-limit", plan(steps="[" * 65000))
    put("wire", "long-steps-list", plan(steps="[" + ", ".join(['{"type": "x", "pct": 50}'] * 2500) + "]"))
    put("wire", "details-many-members", field_map([("symbol", "BTCUSDT"), ("timestamp", "1"),
        ("details", "{" + ", ".join('"k%d": %d' % (i, i) for i in range(6000)) + "}")]))
    put("wire", "reason-codes-commas", plan(reason_codes="," * 65536))
    put("wire", "whitespace-value", plan(qty=" " * 65530 + "1"))
    put("wire", "json-deep", b"J" + b"[" * MB)
    put("wire", "json-deep-objects", b"J" + b'{"a":' * (MB // 5))
    put("wire", "json-escapes", b'J"' + b"\\u00e9" * (MB // 6) + b'"')
    put("wire", "json-surrogates", b'J"' + b"\\ud800" * (MB // 6) + b'"')
    put("wire", "json-long-array", b"J[" + b"1," * (MB // 2) + b"1]")
    put("wire", "json-duplicate-keys", b'J{' + b'"a": 1, ' * (MB // 8) + b'"a": 2}')
    put("wire", "json-long-number", b"J" + b"1" * MB)
    put("wire", "scalar-digits", b"S" + b"1" * MB)
    put("wire", "scalar-spaces", b"S" + b" " * MB + b"1")

    put("exchange", "deep-arrays", b"0" + b"[" * MB)
    put("exchange", "deep-objects", b"0" + b'{"a":' * (MB // 5))
    position = b'{"symbol":"BTCUSDT","positionSide":"BOTH","positionAmt":"-0.250","entryPrice":"60000","markPrice":"59000","unRealizedProfit":"250"}'
    put("exchange", "many-positions", b"0[" + b",".join([position] * (MB // len(position))) + b"]")
    trade = b'{"id":1,"orderId":42,"symbol":"BTCUSDT","side":"SELL","price":"60000.123","qty":"0.004","realizedPnl":"4","commission":"0.096","commissionAsset":"USDT","time":1}'
    put("exchange", "many-trades", b"0[" + b",".join([trade] * (MB // len(trade))) + b"]")
    put("exchange", "huge-decimal-string", b'0{"symbol":"BTCUSDT","markPrice":"' + b"7" * MB + b'"}')
    put("exchange", "huge-decimal-number", b'0{"symbol":"BTCUSDT","markPrice":' + b"7" * MB + b"}")
    put("exchange", "huge-fraction", b'0{"symbol":"BTCUSDT","markPrice":"0.' + b"7" * MB + b'"}')
    put("exchange", "huge-exponent", b'0{"symbol":"BTCUSDT","markPrice":"1e' + b"9" * MB + b'"}')
    put("exchange", "huge-integer-id", b'0{"serverTime":' + b"9" * MB + b"}")
    put("exchange", "many-keys", b"0{" + b",".join(b'"k%d":%d' % (i, i) for i in range(80000)) + b"}")
    put("exchange", "string-escapes", b'0{"msg":"' + b"\\ud83d\\ude00" * (MB // 12) + b'"}')
    symbol = b'{"symbol":"S%d","filters":[{"filterType":"LOT_SIZE","minQty":"0.001","maxQty":"1000","stepSize":"0.001"}]}'
    put("exchange", "many-symbols", b'0{"symbols":[' + b",".join(symbol % i for i in range(10000)) + b"]}")
    put("exchange", "error-huge-body", b"1" + b"x" * MB)
    put("exchange", "error-huge-msg", b'1{"code":-2022,"msg":"' + b"m" * MB + b'"}')
    put("exchange", "error-huge-retry-after", b"7" + b"9" * MB + b'\0{"code":-1003,"msg":"Too many requests."}')

    put("kernel", "deep-arrays", b"E" + b"[" * MB)
    put("kernel", "deep-objects", b"E" + b'{"a":' * (MB // 5))
    put("kernel", "closes-many", b"M[" + b"100.5," * (MB // 6) + b"100.5]")
    put("kernel", "closes-long-number", b"M[" + b"1" * MB + b"]")
    put("kernel", "string-escapes", b'E"' + b"\\u00e9" * (MB // 6) + b'"')
    with open(os.path.join(FIXTURES, "kernel-vectors.json")) as handle:
        case = json.dumps(json.load(handle)["cases"][0]).encode()
    put("kernel", "cases-many", b'E{"cases":[' + b",".join([case] * (MB // len(case))) + b"]}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--big":
        big(sys.argv[2])
        sys.exit(0)
    if len(sys.argv) != 2:
        sys.exit("usage: fuzz/seeds.py OUT_DIR | fuzz/seeds.py --big OUT_DIR")
    wire(sys.argv[1])
    exchange(sys.argv[1])
    kernel(sys.argv[1])
