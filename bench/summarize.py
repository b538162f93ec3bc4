"""Turns JMH JSON results (java -jar target/benchmarks.jar ... -rf json -rff FILE) into a Markdown table.

Usage: summarize.py FIELD_RESULTS.json [PEAK_1T.json PEAK_ALL.json]

For FieldBenchmark rows it adds the attention GFLOP/s (4·d FLOP per (query, key) pair: scores 2m + weighted sum
2d with m = d; exp and projections not counted) and, given the FmaPeakBenchmark results for one thread and for
all cores, that rate as a fraction of the measured peak (one-thread peak for scalar and simd-1, all-core peak
for simd-all). An rk4Step is four evaluations."""
import json
import sys


def peak(path):
    for r in json.load(open(path)):
        if r["benchmark"].endswith("FmaPeakBenchmark.fma"):
            flop = r["secondaryMetrics"]["flop"]
            return flop["score"] * r["threads"] if flop["scoreUnit"].startswith("ops") else None
    return None


def main():
    rows = json.load(open(sys.argv[1]))
    p1 = peak(sys.argv[2]) if len(sys.argv) > 2 else None
    pall = peak(sys.argv[3]) if len(sys.argv) > 3 else None
    if p1:
        print("FMA peak: %.1f GFLOP/s on one thread%s\n" % (p1 / 1e9, ", %.1f GFLOP/s on all cores" % (pall / 1e9) if pall else ""))
    print("| benchmark | n | d | mask | field | µs/op | ± | GFLOP/s | % of peak |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        name = r["benchmark"].rsplit(".", 1)[-1]
        prm = r.get("params", {})
        if "n" not in prm:
            continue
        n, d, mask = int(prm["n"]), int(prm["d"]), prm["mask"]
        us = r["primaryMetric"]["score"]
        err = r["primaryMetric"]["scoreError"]
        unit = r["primaryMetric"]["scoreUnit"]
        scale = {"us/op": 1e-6, "ms/op": 1e-3, "ns/op": 1e-9, "s/op": 1.0}[unit]
        pairs = n * (n + 1) / 2 if mask == "causal" else n * n
        flop = pairs * 4 * d * (4 if name == "rk4Step" else 1)
        gflops = flop / (us * scale) / 1e9
        field = prm.get("field")
        ref = pall if field == "simd-all" else p1
        frac = "%.0f%%" % (100 * gflops * 1e9 / ref) if ref else "-"
        print("| %s | %d | %d | %s | %s | %.1f | %.1f | %.2f | %s |" % (
            name, n, d, mask, field, us * scale * 1e6, err * scale * 1e6, gflops, frac))


if __name__ == "__main__":
    main()
