"""Prints the comparison table of compare-peers.sh from its JSON lines: seconds per evaluation of each
implementation and how many times faster our SIMD field (all cores) is than each peer, next to issue 6's goals
against NumPy (>= 20x at d <= 3, >= 10x at d = 16, >= 2x at d = 128 full, >= 4x at d = 128 causal)."""
import json
import sys


def goal(d, mask):
    if d <= 3:
        return 20.0
    if d == 16:
        return 10.0
    if d == 128:
        return 2.0 if mask == "full" else 4.0
    return None


def main(path):
    rows = {}
    names = []
    for line in open(path):
        line = line.strip()
        if not line.startswith("{"):
            continue
        r = json.loads(line)
        name = "%s/%dt" % (r["impl"], r["threads"])
        if name not in names:
            names.append(name)
        rows.setdefault((r["n"], r["d"], r["mask"]), {})[name] = r
    ours = next((nm for nm in names if nm.startswith("simd/") and not nm.endswith("/1t")), None)
    peers = [nm for nm in names if not nm.startswith(("simd/", "scalar/"))]
    header = ["n", "d", "mask"] + ["%s ms" % nm for nm in names] + ["%s / ours" % p.split(" ")[0] for p in peers] + ["goal vs numpy", "met", "peer agrees"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for (n, d, mask), r in sorted(rows.items(), key=lambda kv: (kv[0][0], kv[0][2], kv[0][1])):
        cells = [str(n), str(d), mask]
        for nm in names:
            cells.append("%.3f" % (r[nm]["seconds"] * 1e3) if nm in r else "-")
        ratios = []
        for p in peers:
            if p in r and ours in r:
                ratios.append(r[p]["seconds"] / r[ours]["seconds"])
                cells.append("%.1f" % ratios[-1])
            else:
                ratios.append(None)
                cells.append("-")
        g = goal(d, mask)
        numpy_ratio = next((ratios[i] for i, p in enumerate(peers) if p.startswith("numpy")), None)
        cells.append("%gx" % g if g else "-")
        cells.append("-" if g is None or numpy_ratio is None else ("yes" if numpy_ratio >= g else "no"))
        diffs = [r[p].get("max_rel_diff_vs_simd") for p in peers if p in r]
        cells.append("%.0e" % max(diffs) if diffs else "-")
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1])
