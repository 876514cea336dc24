"""Python baseline of the wire codec, in the original apply layer's dict-and-float style: decode the
apply.plan message's fields (float() on numbers, json.loads on steps, split reason codes, close
recognition by action) and encode the close's apply.result (str(float), "True"/"False", json.dumps
of steps_results) into the field list redis-py's XADD sends. Same message and count as qtbench."""
import argparse
import json
import time

from benchlib import plan_fields, report

now = time.perf_counter_ns

CLOSE_ACTIONS = {"FULL_CLOSE_PROPOSED", "PARTIAL_CLOSE_PROPOSED", "PARTIAL_75", "PARTIAL_50", "PARTIAL_25",
                 "FULL_CLOSE", "CLOSE"}


def _float(fields, name):
    value = fields.get(name)
    return float(value) if value not in (None, "") else None


def decode_plan(fields):
    plan_id = fields.get("plan_id", "")
    symbol = fields.get("symbol", "").upper()
    if not plan_id or not symbol:
        raise ValueError("missing plan_id or symbol")
    action = (fields.get("action") or "").upper()
    side = (fields.get("side") or "").upper()
    reduce_only = (fields.get("reduceOnly") or fields.get("reduce_only") or "").lower() == "true"
    if not (action in CLOSE_ACTIONS or side == "CLOSE" or reduce_only):
        raise ValueError("not a close plan")
    try:
        steps = json.loads(fields.get("steps") or "[]")
    except ValueError:
        steps = []
    close_pct = 100.0
    for step in steps:
        if step.get("type") == "market_reduce_only":
            close_pct = float(step.get("pct", 100.0))
            break
    timestamp = float(fields.get("timestamp") or 0)
    if timestamp > 1e12:
        timestamp /= 1000.0
    return {
        "plan_id": plan_id, "symbol": symbol, "action": action, "decision": fields.get("decision", ""),
        "side": side or None, "reduce_only": reduce_only, "steps": steps, "close_pct": close_pct,
        "kill_score": _float(fields, "kill_score"), "k_regime_flip": _float(fields, "k_regime_flip"),
        "k_sigma_spike": _float(fields, "k_sigma_spike"), "k_ts_drop": _float(fields, "k_ts_drop"),
        "k_age_penalty": _float(fields, "k_age_penalty"), "R_net": _float(fields, "R_net"),
        "new_sl_proposed": _float(fields, "new_sl_proposed"),
        "reason_codes": [c for c in (fields.get("reason_codes") or "").split(",") if c],
        "close_qty": _float(fields, "close_qty"), "qty": _float(fields, "qty"),
        "timestamp": int(timestamp),
    }


def encode_result(plan):
    filled = float("0.034")
    steps_results = [{"step": "CLOSE_FULL", "status": "success", "order_id": "8389765432", "side": "SELL",
                      "quantity": "0.034", "executed_qty": str(filled), "avg_price": str(float("3012.45")),
                      "reduce_only": True}]
    result = {
        "plan_id": plan["plan_id"], "symbol": plan["symbol"], "action": plan["action"],
        "decision": plan["decision"], "executed": "True", "would_execute": "True", "reduceOnly": "True",
        "error": "", "side": "SELL", "close_pct": str(plan["close_pct"]), "close_qty": str(filled),
        "filled_qty": str(filled), "avg_price": str(float("3012.45")), "order_id": "8389765432",
        "client_order_id": "qx-" + plan["plan_id"], "status": "FILLED",
        "realized_pnl": str(float("1.2345")), "commission": str(float("0.0512")), "commission_asset": "USDT",
        "position_side": "LONG", "position_qty_before": str(filled), "position_qty_after": str(0.0),
        "entry_price": str(float("2976.14")), "steps_results": json.dumps(steps_results),
        "source": "applylayer", "timestamp": str(int(time.time())),
    }
    return [item for pair in result.items() for item in pair]


def measure(name, operation, count):
    for _ in range(min(count, 1000)):
        operation()
    latencies = []
    start = now()
    for _ in range(count):
        before = now()
        operation()
        latencies.append(now() - before)
    elapsed = now() - start
    report(name, count, latencies, count / (elapsed / 1e9), "op")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--codec-count", type=int, default=100000)
    parser.add_argument("--plan-message", default="bench/fixtures/plan-message.json")
    args = parser.parse_args()
    fields = plan_fields(args.plan_message)
    plan = decode_plan(fields)
    measure("codec.decode_plan", lambda: decode_plan(fields), args.codec_count)
    measure("codec.encode_result", lambda: encode_result(plan), args.codec_count)
    measure("codec.plan_result", lambda: encode_result(decode_plan(fields)), args.codec_count)


if __name__ == "__main__":
    main()
