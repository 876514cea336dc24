"""Python baseline of the stream round trip, as the original services did it with redis-py:
XADD the plan message, XREADGROUP it, run a trivial handler, XACK; then drain a backlog with
XREADGROUP COUNT n + one XACK per message. Also raw PING / XADD, sequential and pipelined.
Same counts and message as qtbench; prints the same RESULT lines."""
import argparse
import os
import time

import redis

from benchlib import plan_fields, report

now = time.perf_counter_ns


def one_in_flight(r, fields, count, batch):
    stream = "qtbench:py:roundtrip:%d" % now()
    r.xgroup_create(stream, "qtbench", id="$", mkstream=True)
    latencies = []
    warmup = min(500, count)
    start = 0
    for index in range(warmup + count):
        if index == warmup:
            start = now()
        sent = now()
        r.xadd(stream, fields, maxlen=10000, approximate=True)
        reply = r.xreadgroup("qtbench", "qtbench-py", {stream: ">"}, count=batch, block=2000)
        for _name, entries in reply:
            for entry_id, values in entries:
                handled = now()                      # the trivial handler
                if values.get("plan_id"):
                    if index >= warmup:
                        latencies.append(handled - sent)
                r.xack(stream, "qtbench", entry_id)
    elapsed = now() - start
    r.delete(stream)
    report("stream.roundtrip", count, latencies, count / (elapsed / 1e9), "msg")


def drain_backlog(r, fields, backlog, batch):
    stream = "qtbench:py:backlog:%d" % now()
    r.xgroup_create(stream, "qtbench", id="$", mkstream=True)
    written = 0
    while written < backlog:
        chunk = min(1000, backlog - written)
        pipe = r.pipeline(transaction=False)
        for _ in range(chunk):
            pipe.xadd(stream, fields)
        pipe.execute()
        written += chunk
    seen = 0
    start = now()
    while seen < backlog:
        reply = r.xreadgroup("qtbench", "qtbench-py", {stream: ">"}, count=batch, block=2000)
        if not reply:
            break
        for _name, entries in reply:
            for entry_id, values in entries:
                if values.get("plan_id"):
                    seen += 1
                r.xack(stream, "qtbench", entry_id)
    elapsed = now() - start
    pending = r.xpending(stream, "qtbench")["pending"]
    r.delete(stream)
    if seen != backlog or pending != 0:
        raise SystemExit("backlog drain incomplete: handled %d, pending %d" % (seen, pending))
    report("stream.drain", backlog, [], backlog / (elapsed / 1e9), "msg")


def sequential(name, call, count):
    latencies = []
    start = now()
    for _ in range(count):
        before = now()
        call()
        latencies.append(now() - before)
    elapsed = now() - start
    report(name, count, latencies, count / (elapsed / 1e9), "cmd")


def pipelined(name, r, add, count, batch):
    latencies = []
    rounds = max(1, count // batch)
    start = now()
    for _ in range(rounds):
        before = now()
        pipe = r.pipeline(transaction=False)
        for _ in range(batch):
            add(pipe)
        pipe.execute()
        latencies.append(now() - before)
    elapsed = now() - start
    report(name, rounds * batch, latencies, rounds * batch / (elapsed / 1e9), "cmd")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--stream-count", type=int, default=5000)
    parser.add_argument("--backlog", type=int, default=20000)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--redis-count", type=int, default=10000)
    parser.add_argument("--pipeline", type=int, default=100)
    parser.add_argument("--plan-message", default="bench/fixtures/plan-message.json")
    parser.add_argument("--only", default="stream,redis")
    args = parser.parse_args()
    selected = set(args.only.split(","))
    fields = plan_fields(args.plan_message)
    r = redis.Redis.from_url(args.redis_url, decode_responses=True)   # as the original services
    r.ping()
    if "stream" in selected:
        one_in_flight(r, fields, args.stream_count, args.batch_size)
        drain_backlog(r, fields, args.backlog, args.batch_size)
    if "redis" in selected:
        stream = "qtbench:py:raw:%d" % now()
        for _ in range(min(args.redis_count, 500)):
            r.ping()
        sequential("redis.ping", r.ping, args.redis_count)
        sequential("redis.xadd", lambda: r.xadd(stream, fields, maxlen=10000, approximate=True), args.redis_count)
        pipelined("redis.ping.pipe", r, lambda p: p.ping(), args.redis_count, args.pipeline)
        pipelined("redis.xadd.pipe", r, lambda p: p.xadd(stream, fields, maxlen=10000, approximate=True),
                  args.redis_count, args.pipeline)
        r.delete(stream)


if __name__ == "__main__":
    main()
