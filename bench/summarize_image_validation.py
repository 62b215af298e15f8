"""Prints issue 2's figures from a JMH result: time ratio and extra allocation, 50 MiB vs 50 KiB."""
import json
import sys

results = json.load(open(sys.argv[1]))
rows = {}
for r in results:
    p = r["params"]
    alloc = r["secondaryMetrics"]["gc.alloc.rate.norm"]["score"]
    rows[(p["format"], int(p["bytes"]))] = (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"], alloc)

print("| format | 50 KiB µs/op | 50 MiB µs/op | time ratio (target ≤ 2) | 50 KiB B/op | 50 MiB B/op | extra B/op (target ≤ 65536) |")
print("|---|---|---|---|---|---|---|")
ok = True
for fmt in ["JPEG", "PNG"]:
    if (fmt, 51200) not in rows or (fmt, 52428800) not in rows:
        print(f"| {fmt} | missing: a benchmark failed, see the JMH output |")
        ok = False
        continue
    small, large = rows[(fmt, 51200)], rows[(fmt, 52428800)]
    ratio = large[0] / small[0]
    extra = large[2] - small[2]
    ok &= ratio <= 2 and extra <= 65536
    print(f"| {fmt} | {small[0]:.2f} ± {small[1]:.2f} | {large[0]:.2f} ± {large[1]:.2f} | {ratio:.2f} "
          f"| {small[2]:.0f} | {large[2]:.0f} | {extra:.0f} |")
print("targets met" if ok else "TARGETS MISSED")
sys.exit(0 if ok else 1)
