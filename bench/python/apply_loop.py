"""Python baseline of the apply layer's CLOSE handler (original-applylayer.md §5, commit 761e164ff),
with redis-py as the original: XREADGROUP COUNT 10 BLOCK 100 on the plan stream, then per plan
EXISTS the done key, HGETALL quantum:position:{symbol}, one reduce-only MARKET order on the same
paperexchange (signed REST, a fresh connection per request like the original's fresh client per
order), HSET the new quantity (or DEL), SETEX the done key, XADD the result (no MAXLEN, as the CLOSE handler) and XACK.

Kinder to Python than the original on purpose: no APPLY_POLL_SEC sleep between reads (the original
sleeps 5 s per cycle, which alone sets its latency), no exchangeInfo fetch per order (the original
builds a fresh client per order), and the order's qty is taken from the plan (as applylayer does)
so both sides send the same orders. It measures what Python + redis-py cost on the same path.
With --contract it also makes the other three exchange requests applylayer makes per close
(wire.md's sequence: positionRisk, order, userTrades, positionRisk), for a like-for-like comparison.
Runs until SIGTERM/SIGINT; qtbench apply drives and times it through the streams."""
import argparse
import hashlib
import hmac
import http.client
import json
import os
import signal
import time
import urllib.parse

import redis

running = True


def stop(*_):
    global running
    running = False


class Exchange:
    """A minimal signed Binance-futures REST client. A fresh connection per request, as the
    original's fresh client per order: on one kept-alive connection every request after the first
    waits ~44 ms for a delayed ACK (paperexchange writes a response in two segments without
    TCP_NODELAY), which would measure that, not Python."""

    def __init__(self, base_url, key, secret):
        parsed = urllib.parse.urlparse(base_url)
        self.host, self.port = parsed.hostname, parsed.port or 80
        self.key, self.secret = key, secret.encode()

    def signed(self, method, path, params):
        params = dict(params, timestamp=int(time.time() * 1000), recvWindow=5000)
        query = urllib.parse.urlencode(params)
        signature = hmac.new(self.secret, query.encode(), hashlib.sha256).hexdigest()
        url = "%s?%s&signature=%s" % (path, query, signature)
        conn = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            conn.request(method, url, headers={"X-MBX-APIKEY": self.key})
            response = conn.getresponse()
            body = response.read()
        finally:
            conn.close()
        data = json.loads(body)
        if response.status != 200:
            raise RuntimeError("Binance API error: %s" % body.decode(errors="replace")[:200])
        return data

    def position_amount(self, symbol):
        rows = self.signed("GET", "/fapi/v3/positionRisk", {"symbol": symbol})
        return sum(float(row.get("positionAmt", 0)) for row in rows)

    def user_trades(self, symbol, order_id):
        return self.signed("GET", "/fapi/v1/userTrades", {"symbol": symbol, "orderId": order_id})

    def close_order(self, symbol, side, qty):
        return self.signed("POST", "/fapi/v1/order", {
            "symbol": symbol, "side": side, "type": "MARKET", "quantity": str(qty), "reduceOnly": "true",
            "newOrderRespType": "RESULT"})


def handle(r, ex, stream, group, result_stream, entry_id, f, contract=False):
    plan_id, symbol = f.get("plan_id", ""), f.get("symbol", "")
    done_key = "quantum:apply:done:%s" % plan_id
    base = {"plan_id": plan_id, "symbol": symbol, "action": f.get("action", "CLOSE"), "decision": f.get("decision", "")}
    if r.exists(done_key):
        r.xadd(result_stream, dict(base, executed="False", error="duplicate_plan", timestamp=str(int(time.time()))))
        r.xack(stream, group, entry_id)
        return
    position = r.hgetall("quantum:position:%s" % symbol)
    quantity = float(position.get("quantity") or position.get("qty") or 0)
    if not position or quantity <= 0:
        r.setex(done_key, 600, "1")
        r.xadd(result_stream, dict(base, executed="False", error="no_position", timestamp=str(int(time.time()))))
        r.xack(stream, group, entry_id)
        return
    side = "SELL" if position.get("side") == "LONG" else "BUY"
    close_qty = float(f.get("qty") or 0) or quantity
    try:
        if contract:  # applylayer's sequence: live position, order, its fills, position after
            ex.position_amount(symbol)
        order = ex.close_order(symbol, side, close_qty)
        filled = float(order.get("executedQty", 0))
        if contract:
            ex.user_trades(symbol, order.get("orderId"))
            ex.position_amount(symbol)
        new_qty = quantity - filled
        if abs(new_qty) < 1e-4:
            r.delete("quantum:position:%s" % symbol)
        else:
            r.hset("quantum:position:%s" % symbol, "quantity", str(new_qty))
        r.setex(done_key, 600, "1")
        r.xadd(result_stream, dict(
            base, executed="True", reduceOnly="True", close_qty=str(close_qty), filled_qty=str(filled),
            order_id=str(order.get("orderId", "")), status=order.get("status", ""), side=side,
            close_pct=str(100.0 * close_qty / quantity), timestamp=str(int(time.time()))))
    except Exception as error:  # the original answers execution_failed and never retries
        r.setex(done_key, 600, "1")
        r.xadd(result_stream, dict(base, executed="False", error="execution_failed: %s" % error,
                                   timestamp=str(int(time.time()))))
    r.xack(stream, group, entry_id)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--plan-stream", default="qtbench:py:apply.plan")
    parser.add_argument("--result-stream", default="qtbench:py:apply.result")
    parser.add_argument("--group", default="apply_layer_entry")
    parser.add_argument("--exchange-url", default=os.environ.get("BINANCE_BASE_URL", "http://127.0.0.1:8089"))
    parser.add_argument("--ready-file", help="touched once the group exists")
    parser.add_argument("--contract", action="store_true",
                        help="make applylayer's four exchange requests per close (positionRisk, order, userTrades, "
                             "positionRisk) instead of the original's one order")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    r = redis.Redis.from_url(args.redis_url, decode_responses=True)
    try:
        r.xgroup_create(args.plan_stream, args.group, id="$", mkstream=True)
    except redis.ResponseError:
        pass
    ex = Exchange(args.exchange_url, os.environ["BINANCE_API_KEY"], os.environ["BINANCE_API_SECRET"])
    consumer = "apply-entry-%d" % os.getpid()
    if args.ready_file:
        open(args.ready_file, "w").close()
    while running:
        reply = r.xreadgroup(args.group, consumer, {args.plan_stream: ">"}, count=10, block=100)
        for _name, entries in reply or []:
            for entry_id, fields in entries:
                handle(r, ex, args.plan_stream, args.group, args.result_stream, entry_id, fields, args.contract)


if __name__ == "__main__":
    main()
