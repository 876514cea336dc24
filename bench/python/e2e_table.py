"""Formats bench/e2e's collected lines (RESULT / METRIC / OUTCOME / NOTE) as one Markdown table
with the targets of issue 7 and the original services' figures (shared/reference/original-performance.md)."""
import sys

ONE_MILLION = 1_000_000


def load(path):
    results, metrics, outcomes, notes = {}, {}, [], []
    for line in open(path):
        parts = line.rstrip("\n").split("\t")
        if parts[0] == "RESULT":
            _, name, impl, count, p50, p90, p99, mx, thr, unit = parts
            results[(name, impl)] = dict(count=int(count), p50=p50, p99=p99, max=mx, thr=float(thr), unit=unit)
        elif parts[0] == "METRIC":
            metrics[parts[1]] = (parts[2], parts[3] if len(parts) > 3 else "")
        elif parts[0] == "OUTCOME":
            outcomes.append(parts[1:])
        elif parts[0] == "NOTE":
            notes.append(parts[1])
    return results, metrics, outcomes, notes


def ms(value):
    return "-" if value == "-" else "%.2f" % (float(value) / 1000)


def latency(r):
    return "%s / %s / %s" % (ms(r["p50"]), ms(r["p99"]), ms(r["max"])) if r else "n/a"


def verdict(ok):
    return "**met**" if ok else "**missed**"


def main():
    results, metrics, outcomes, notes = load(sys.argv[1])
    rows = []
    s, p = results.get(("apply.paced", "swift")), results.get(("apply.paced", "python"))
    rows.append(["applylayer plan→result at 200 plans/s, p50 / p99 / max (ms)", latency(s), latency(p),
                 "p50 2150 / p99 4350 at 1 plan/s (5-s poll)", "p99 ≤ 5 ms",
                 verdict(s is not None and float(s["p99"]) <= 5000)])
    s, p = results.get(("apply.paced50", "swift")), results.get(("apply.paced50", "python"))
    rows.append(["… at 50 plans/s (below saturation), p50 / p99 / max (ms)", latency(s), latency(p), "", "", ""])
    s, p = results.get(("apply.sustained", "swift")), results.get(("apply.sustained", "python"))
    rows.append(["applylayer sustained close plans/s (64 outstanding)", "%.0f" % s["thr"] if s else "n/a",
                 "%.0f" % p["thr"] if p else "n/a", "2.0 (8.1 with a 1-s poll)", "≥ 1,000/s",
                 verdict(s is not None and s["thr"] >= 1000)])
    rows.append(["… its plan→result latency with 64 outstanding, p50 / p99 / max (ms)", latency(s), latency(p), "", "", ""])
    p50, p4 = results.get(("apply.paced50", "python4")), results.get(("apply.sustained", "python4"))
    if p50 or p4:
        rows.append(["Python baseline making applylayer's 4 exchange requests per close: at 50 plans/s p50 / p99 / max (ms); "
                     "sustained plans/s", "", "%s; %s/s" % (latency(p50), "%.0f" % p4["thr"] if p4 else "n/a"), "", "", ""])

    rate = float(metrics.get("harvest.drain.rate", ("0", ""))[0])
    seconds, state = metrics.get("harvest.drain.seconds", ("0", "capped"))
    done, total = metrics.get("harvest.drain.done", ("0", "0"))
    rows_added = metrics.get("harvest.rows", ("?", ""))[0]
    py = results.get(("harvest.drain", "python"))
    rows.append(["harvestbrain results/s into the ledger (backlog drain)", "%.0f (%s ledger rows)" % (rate, rows_added),
                 "%.0f (Redis only, no DB)" % py["thr"] if py else "n/a",
                 "20 (harvest brain); 2,840 (trade-history logger)", "≥ 10,000/s", verdict(rate >= 10000)])
    total = int(total)
    if state == "drained" and total == ONE_MILLION:
        swift_1m = "%s s (measured)" % seconds
        ok = float(seconds) <= 120
    else:
        how = "drained %s of %d in %s s" % (done, total, seconds)
        swift_1m = ("%.0f s (extrapolated; %s)" % (ONE_MILLION / rate, how)) if rate > 0 else how
        ok = rate > 0 and ONE_MILLION / rate <= 120
    rows.append(["time to drain 1,000,000 results", swift_1m,
                 "%.0f s (extrapolated)" % (ONE_MILLION / py["thr"]) if py else "n/a",
                 "≈ 14 h (at 20/s)", "≤ 120 s", verdict(ok)])

    cold, warm, hashed = (results.get((name, "swift")) for name in ("exit.cycle.cold", "exit.cycle.warm", "exit.cycle.hash"))
    rows.append(["exitbrain cycle, 1,000 positions: cold / warm / warm with market-state hashes, p50 (ms)",
                 " / ".join(ms(r["p50"]) if r else "n/a" for r in (cold, warm, hashed)), "",
                 "820 (proposal publisher, 1,000 symbols)", "≤ 100 ms",
                 verdict(warm is not None and float(warm["p50"]) <= 100_000)])
    for name in ("paperexchange", "applylayer", "harvestbrain", "exitbrain"):
        value = metrics.get("rss_peak." + name)
        now = metrics.get("rss_now." + name)
        anon, mapped = metrics.get("rss_anon." + name), metrics.get("rss_file." + name)
        if value:
            detail = "now %s" % (now[0] if now else "?")
            if anon and mapped:
                detail += ": %s anonymous + %s file-backed" % (anon[0], mapped[0])
            pss = metrics.get("pss." + name)
            if pss:
                detail += "; PSS %s" % pss[0]
            rows.append(["peak RSS (VmHWM) of %s (MB)" % name, "%s (%s)" % (value[0], detail), "",
                         "28–34 MiB idle, ≤ 35 under load" if name != "paperexchange" else "",
                         "≤ 30 MB", verdict(float(value[0]) <= 30)])
    for name in ("paperexchange", "applylayer", "harvestbrain", "exitbrain"):
        value = metrics.get("idle_cpu." + name)
        if value:
            rows.append(["idle CPU of %s (%%)" % name, value[0], "", "≤ 0.12 % (≤ 0.072 CPU s per idle minute)"
                         if name != "paperexchange" else "", "≤ 1 %", verdict(float(value[0]) <= 1)])

    print("| measure | Swift (this repo) | Python baseline, same run | original services | target | |")
    print("|---|---:|---:|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    for name, impl, summary in outcomes:
        print("- `%s` (%s): %s" % (name, impl, summary))
    for note in notes:
        print("- exitbrain %s" % note)


if __name__ == "__main__":
    main()
