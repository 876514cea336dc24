"""Shared helpers of the Python baseline: percentiles from a sorted list, RESULT lines, the plan fixture."""
import json
import math


def percentile(sorted_values, pct):
    """The value at a percentile (0-100) of a sorted list, nearest-rank like HdrHistogram's valueAtPercentile."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(pct / 100.0 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def result_line(name, count, latencies_ns, throughput, unit):
    """The tab-separated RESULT line bench/run collects (latencies in microseconds, '-' when none)."""
    if latencies_ns:
        values = sorted(latencies_ns)
        cells = ["%.2f" % (percentile(values, p) / 1000.0) for p in (50, 90, 99)] + ["%.2f" % (values[-1] / 1000.0)]
    else:
        cells = ["-", "-", "-", "-"]
    return "\t".join(["RESULT", name, "python", str(count)] + cells + ["%.2f" % throughput, unit])


def human_line(name, count, latencies_ns, throughput, unit):
    text = "%-20s n=%-8d" % (name, count)
    if latencies_ns:
        values = sorted(latencies_ns)
        text += " p50 %.2f µs  p90 %.2f µs  p99 %.2f µs  max %.2f µs" % tuple(
            v / 1000.0 for v in (percentile(values, 50), percentile(values, 90), percentile(values, 99), values[-1]))
    return text + "  %.2f %s/s" % (throughput, unit)


def report(name, count, latencies_ns, throughput, unit):
    print(human_line(name, count, latencies_ns, throughput, unit))
    print(result_line(name, count, latencies_ns, throughput, unit), flush=True)


def plan_fields(path):
    """The plan message as an ordered dict (XADD order)."""
    with open(path) as handle:
        return dict((name, value) for name, value in json.load(handle)["fields"])
