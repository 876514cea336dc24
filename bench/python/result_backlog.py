"""Writes a backlog of N realistic apply.result entries as Redis protocol on stdout, for
`redis-cli --pipe` (the fastest way to put a million entries into Redis).

Templates are real results: the last entries of --template-stream (what applylayer answered
during the apply benchmark: executed closes and entries), plus the Python apply layer's
non-executed answers of Tests/SharedTests/Fixtures/wire-examples.json (duplicate_plan, a rejected
reduce-only close). Each copy gets a unique plan_id, order_id and client_order_id (the ledger's keys)
and the current timestamp, so the consumer books every one as a new result and order. Mix per
10 entries: 8 templates in stream order, 2 fixture answers."""
import argparse
import json
import sys
import time

import redis


def resp(args):
    out = [b"*%d\r\n" % len(args)]
    for arg in args:
        data = arg.encode() if isinstance(arg, str) else arg
        out.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--template-stream", default="quantum:stream:apply.result")
    parser.add_argument("--fixture", default="Tests/SharedTests/Fixtures/wire-examples.json")
    parser.add_argument("--stream", default="quantum:stream:apply.result")
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--tag", default="hb")
    args = parser.parse_args()
    r = redis.Redis.from_url(args.redis_url, decode_responses=True)
    real = [fields for _id, fields in r.xrevrange(args.template_stream, count=400)]
    real = [f for f in real if f.get("plan_id")]
    if not real:
        sys.exit("no templates in %s" % args.template_stream)
    fixture = json.load(open(args.fixture))["apply.result"]
    answers = [fixture["python_apply_layer_duplicate"], fixture["python_apply_layer_reduce_only_rejected"]]
    executed = sum(1 for f in real if f.get("executed") == "True")
    print("templates: %d real results (%d executed), %d fixture answers" % (len(real), executed, len(answers)),
          file=sys.stderr)
    now = str(int(time.time()))
    out = sys.stdout.buffer
    chunk = []
    for index in range(args.count):
        slot = index % 10
        template = answers[slot - 8] if slot >= 8 else real[index % len(real)]
        fields = dict(template)
        fields["plan_id"] = "%s-%d" % (args.tag, index)
        if fields.get("order_id"):
            fields["order_id"] = str(9_000_000_000 + index)
        if fields.get("client_order_id"):
            fields["client_order_id"] = "qx-%s-%d" % (args.tag, index)
        if "steps_results" in fields and fields.get("order_id"):
            fields["steps_results"] = fields["steps_results"].replace(template.get("order_id", "\0"), fields["order_id"])
        fields["timestamp"] = now
        command = ["XADD", args.stream, "*"]
        for name, value in fields.items():
            command += [name, value]
        chunk.append(resp(command))
        if len(chunk) == 5000:
            out.write(b"".join(chunk))
            chunk = []
    out.write(b"".join(chunk))
    out.flush()


if __name__ == "__main__":
    main()
