"""Waits until a consumer group has read and acknowledged a stream's whole backlog, printing
progress to stderr, then prints `METRIC` lines for bench/e2e: the seconds from this script's start
(started right after the consumer) to the drained state, and results/s. Drained = the group's
last-delivered-id is the stream's last id and nothing is pending (XINFO GROUPS; its `lag` is not
used: Redis 7.0 reports it as nil while a group reads). With --cap, gives up after that many
seconds and reports how far it got."""
import argparse
import os
import subprocess
import sys
import time

import redis


def group_info(r, stream, group):
    for info in r.xinfo_groups(stream):
        if info["name"] == group:
            return info
    return None


def ledger_rows(tag):
    """Rows of the backlog in the ledger (plan ids `{tag}-N`), through psql and $DATABASE_URL; None without them."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return None
    try:
        out = subprocess.run(["psql", url, "-tAc", "SELECT count(*) FROM ledger_results WHERE plan_id LIKE '%s-%%'" % tag],
                             capture_output=True, text=True, timeout=30)
        return int(out.stdout.strip())
    except (OSError, ValueError, subprocess.SubprocessError):
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--stream", required=True)
    parser.add_argument("--group", required=True)
    parser.add_argument("--count", type=int, required=True, help="entries in the backlog")
    parser.add_argument("--cap", type=float, default=600)
    parser.add_argument("--name", default="harvest.drain")
    parser.add_argument("--tag", default="hb", help="plan id prefix of the backlog (result_backlog.py --tag)")
    args = parser.parse_args()
    r = redis.Redis.from_url(args.redis_url, decode_responses=True)
    start = time.monotonic()
    stream = r.xinfo_stream(args.stream)
    base = stream["entries-added"] - args.count   # the backlog is the last `count` entries added
    last_id = stream["last-generated-id"]
    done, shown = 0, 0.0
    while True:
        elapsed = time.monotonic() - start
        info = group_info(r, args.stream, args.group)
        if info is not None:
            pending, read = info["pending"], info.get("entries-read")
            finished = info["last-delivered-id"] == last_id and pending == 0
            if read is not None:
                done = max(0, read - base - pending)
            if finished:
                done = args.count
                break
            if elapsed - shown >= 10:
                shown = elapsed
                rows = ledger_rows(args.tag)
                done = max(done, rows or 0)
                print("[wait_drain] %5.0f s: %d of %d acknowledged (%.0f/s), %d pending"
                      % (elapsed, done, args.count, done / elapsed, pending), file=sys.stderr, flush=True)
        if elapsed >= args.cap:
            break
        time.sleep(0.1)
    elapsed = time.monotonic() - start
    if done < args.count:
        done = max(done, ledger_rows(args.tag) or 0)   # entries-read is nil on Redis 7.0 while a group reads
    print("METRIC\t%s.seconds\t%.1f\t%s" % (args.name, elapsed, "drained" if done >= args.count else "capped"))
    print("METRIC\t%s.done\t%d\t%d" % (args.name, done, args.count))
    print("METRIC\t%s.rate\t%.0f\tresult/s" % (args.name, done / elapsed if elapsed > 0 else 0))


if __name__ == "__main__":
    main()
