#!/usr/bin/env bash
# CLI start-up as whole processes, against `java -version` in the same run (issues 6 and 13).
# Targets: `vidu --help`, `vidu list` and `vidu status ID` median ≤ 10× java -version.
# Usage: bench/cli-startup.sh [runs]   (default 15 runs of each command, interleaved)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-15}"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
export VIDU_DATA_DIR="$data" VIDU_PROVIDER=fake VIDU_FAKE_SPEED=100 NO_COLOR=1
cd "$data"
# Build (if needed), archive classes, and make a few tasks to read back.
"$root/vidu" --help >/dev/null
for i in 1 2 3; do
  "$root/vidu" submit --image "$root/docs/examples/cat.png" --prompt "bench $i" --duration 1 --resolution 540p --wait >/dev/null 2>&1
done
id="$("$root/vidu" list --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["task_id"])')"
java="$(command -v java)"
python3 - "$runs" "$java" "$root/vidu" "$id" <<'PY'
import statistics, subprocess, sys, time
runs, java, vidu, task = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
commands = {
    "java -version": [java, "-version"],
    "vidu --help": [vidu, "--help"],
    "vidu list": [vidu, "list"],
    "vidu status ID": [vidu, "status", task],
}
times = {name: [] for name in commands}
for _ in range(runs):
    for name, command in commands.items():
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times[name].append(time.perf_counter() - start)
base = statistics.median(times["java -version"])
targets = {"vidu --help": 10, "vidu list": 10, "vidu status ID": 10}
print(f"| command | median s | min s | ratio to java -version | target |")
print("|---|---|---|---|---|")
ok = True
for name, values in times.items():
    median = statistics.median(values)
    ratio = median / base
    target = targets.get(name)
    ok &= target is None or ratio <= target
    print(f"| `{name}` | {median:.3f} | {min(values):.3f} | {ratio:.1f}× | {'≤ %d×' % target if target else 'baseline'} |")
print("targets met" if ok else "TARGETS MISSED")
PY
