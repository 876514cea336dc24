"""How much this machine adds to a round trip when the servers were idle before it: Redis PING and
paperexchange GET /fapi/v1/time, back to back and after 0.5, 2 and 5 ms of idle time. On a VM an
idle vCPU halts and waking it costs the hypervisor's latency at every thread hand-off, so a request
that crosses several threads (Redis's, paperexchange's event loop, the client's queues) slows down
far more at a few hundred requests a second than back to back. Prints one line per gap, and a
`METRIC wake.summary` line that bench/e2e puts in its table's header, next to the CPU steal.

Raw sockets and http.client only (no redis-py), so it runs with the system Python."""
import argparse
import http.client
import socket
import time
import urllib.parse

GAPS_MS = (0, 0.5, 2, 5)


def percentile(sorted_values, fraction):
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def measure(once, gap_ms, rounds):
    for _ in range(20):  # warm the connection and both processes
        once()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        once()
        samples.append((time.perf_counter() - start) * 1e6)
        if gap_ms:
            time.sleep(gap_ms / 1000)
    samples.sort()
    return percentile(samples, 0.5), percentile(samples, 0.9)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redis-port", type=int, required=True)
    parser.add_argument("--exchange-url", required=True, help="paperexchange base URL, e.g. http://127.0.0.1:8089")
    parser.add_argument("--rounds", type=int, default=400, help="round trips per gap (default 400)")
    args = parser.parse_args()

    redis = socket.create_connection(("127.0.0.1", args.redis_port))
    redis.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def ping():
        redis.sendall(b"PING\r\n")
        reply = redis.recv(64)
        if not reply.startswith(b"+PONG"):
            raise SystemExit("unexpected Redis reply %r" % reply)

    url = urllib.parse.urlsplit(args.exchange_url)
    exchange = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=10)

    def server_time():
        exchange.request("GET", "/fapi/v1/time")
        response = exchange.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit("paperexchange answered %d to GET /fapi/v1/time" % response.status)

    results = {}
    for name, once in (("redis.ping", ping), ("paperexchange.time", server_time)):
        for gap in GAPS_MS:
            p50, p90 = measure(once, gap, args.rounds)
            results[(name, gap)] = p50
            print("%s after %s ms idle: p50 %.0f µs, p90 %.0f µs" % (name, gap, p50, p90))
    print("METRIC\twake.summary\tRedis PING p50 %.0f µs back to back, %.0f µs after 5 ms idle; "
          "paperexchange GET /fapi/v1/time %.2f / %.2f ms\t" % (
              results[("redis.ping", 0)], results[("redis.ping", 5)],
              results[("paperexchange.time", 0)] / 1000, results[("paperexchange.time", 5)] / 1000))


if __name__ == "__main__":
    main()
