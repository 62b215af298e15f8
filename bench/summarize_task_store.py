"""Prints the store's figures from a JMH SampleTime result: median and p99 per operation, and the ratio of
each median to the SELECT 1 baseline measured in the same run. Target: every median under 5 ms."""
import json
import sys

TARGET_MS = 5.0
results = json.load(open(sys.argv[1]))
rows = {}
for r in results:
    name = r["benchmark"].rsplit(".", 1)[1]
    metric = r["primaryMetric"]
    unit = metric["scoreUnit"]
    scale = {"us/op": 1e-3, "ms/op": 1.0, "ns/op": 1e-6}[unit]
    p = metric["scorePercentiles"]
    rows[name] = (float(p["50.0"]) * scale, float(p["99.0"]) * scale, metric["score"] * scale)

if "baselineSelect1" not in rows:
    print("baselineSelect1 missing: a benchmark failed, see the JMH output")
    sys.exit(1)
base = rows["baselineSelect1"][0]
labels = {
    "listFirstPage": "list(owner, null, null, 20): first page",
    "listDeepPage": "list(owner, null, cursor, 20): 500 tasks down",
    "listByStatus": "list(owner, SUCCESS, null, 20)",
    "findOne": "find(id), ids in random order",
    "baselineSelect1": "baseline: SELECT 1 through the same pool",
}
print("| operation | median ms | p99 ms | mean ms | median / baseline |")
print("|---|---|---|---|---|")
ok = True
for name in ["listFirstPage", "listDeepPage", "listByStatus", "findOne", "baselineSelect1"]:
    if name not in rows:
        print(f"| {labels[name]} | missing: a benchmark failed, see the JMH output | | | |")
        ok = False
        continue
    median, p99, mean = rows[name]
    if name != "baselineSelect1":
        ok &= median < TARGET_MS
    print(f"| {labels[name]} | {median:.3f} | {p99:.3f} | {mean:.3f} | {median / base:.1f} |")
print("target met (every median under 5 ms)" if ok else "TARGET MISSED")
sys.exit(0 if ok else 1)
