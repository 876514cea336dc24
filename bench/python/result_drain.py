"""Python baseline of the result consumers (original-performance.md): drains a backlog of
apply.result entries with redis-py the way the Python services consumed them, minus their sleeps:
XREADGROUP COUNT 10 BLOCK 100 (the harvest brain's read; it then slept 0.5 s, which capped it at
20 results/s), and per executed result the trade-history logger's work: HGETALL of the position
hash and of the symbol's history hash, the history (up to 100 trades) re-serialised as JSON, one
HSET; then one XACK per message. No PostgreSQL: harvestbrain's figure includes a ledger
transaction per result, this one does not. Prints a RESULT line (results/s) for bench/e2e."""
import argparse
import json
import time

import redis

from benchlib import report

now = time.perf_counter_ns


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--stream", required=True)
    parser.add_argument("--group", default="trade_history_logger")
    parser.add_argument("--count", type=int, required=True)
    args = parser.parse_args()
    r = redis.Redis.from_url(args.redis_url, decode_responses=True)
    consumer = "qtbench-py"
    seen = 0
    start = now()
    while seen < args.count:
        reply = r.xreadgroup(args.group, consumer, {args.stream: ">"}, count=10, block=100)
        if not reply:
            break
        for _name, entries in reply:
            for entry_id, f in entries:
                seen += 1
                if f.get("executed", "").lower() == "true":
                    symbol = f.get("symbol", "")
                    r.hgetall("quantum:position:%s" % symbol)
                    history = r.hgetall("qtbench:py:trade_history:%s" % symbol)
                    trades = json.loads(history.get("trades", "[]"))
                    trades.append({"order_id": f.get("order_id"), "qty": float(f.get("filled_qty") or 0),
                                   "price": float(f.get("avg_price") or 0), "side": f.get("side"),
                                   "pnl": float(f.get("realized_pnl") or 0), "ts": f.get("timestamp")})
                    r.hset("qtbench:py:trade_history:%s" % symbol, mapping={
                        "trades": json.dumps(trades[-100:]), "last_update": str(time.time())})
                r.xack(args.stream, args.group, entry_id)
    elapsed = now() - start
    pending = r.xpending(args.stream, args.group)["pending"]
    if seen != args.count or pending:
        raise SystemExit("drain incomplete: %d of %d, %d pending" % (seen, args.count, pending))
    report("harvest.drain", seen, [], seen / (elapsed / 1e9), "result")


if __name__ == "__main__":
    main()
