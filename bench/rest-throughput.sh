#!/usr/bin/env bash
# Issues 5 and 19 benchmark, REST adapter, on loopback:
#   1. GET /v1/tasks/status for a finished task and for a running one against a minimal endpoint returning a constant
#      (GET /bench/constant, present only with vidu.bench.constant-endpoint=true), same server, same run, wrk with 64
#      connections, alternating runs; reports requests/s, the ratios (issue 19: each >= 0.8) and p99 latency (issue 19:
#      within 2x the constant's).
# Memory of large submits is measured by bench/image-memory.sh.
#
# The gateway is the real one, started as users start it: ./vidu serve, H2 in a temporary data directory, the fake
# provider at VIDU_FAKE_SPEED=1000, no client keys (loopback).
#
# Usage: bench/rest-throughput.sh [seconds per wrk run, default 15] [rounds, default 3]
# Environment:
#   BENCH_JAVA_OPTS extra JVM options for the gateway (none by default: the figures are for the launcher's settings)
#   BENCH_PIN       1 (default where taskset is installed and there are 2+ CPUs): the gateway on CPU 0, wrk (one
#                   thread) on CPU 1, so that the two do not take each other's time slices — on a shared 2-core
#                   machine unpinned runs of one endpoint varied by 15-25 %, pinned ones by about 4 %; 0: both float
#   BENCH_DATABASE  h2 (default: the embedded file) or postgres (a scratch database on 127.0.0.1:5432, user postgres,
#                   created for the run and dropped after it)
# Needs: java 17+, wrk (apt-get install -y wrk), curl, python3. Raw output in bench/results/rest-*.txt.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-15}"
rounds="${2:-3}"
results="$root/bench/results"
mkdir -p "$results"
bench=rest-throughput
. "$root/bench/lib.sh"
need java wrk curl python3
need_jar

server_cpu=()
client=(wrk -t2)
if [ "${BENCH_PIN:-1}" = 1 ] && command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  server_cpu=(taskset -c 0)
  client=(taskset -c 1 wrk -t1)
fi

work="$(mktemp -d /tmp/vidu-rest-bench.XXXXXX)"
pids=()
database="${BENCH_DATABASE:-h2}"
scratch_db=""
database_env=()
if [ "$database" = postgres ]; then
  command -v psql >/dev/null || { echo "rest-throughput: BENCH_DATABASE=postgres needs psql" >&2; exit 2; }
  scratch_db="vidu_bench_$$"
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $scratch_db" >/dev/null
  database_env=(DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:5432/$scratch_db" DATASOURCES_DEFAULT_USERNAME=postgres)
elif [ "$database" != h2 ]; then
  echo "rest-throughput: BENCH_DATABASE is h2 or postgres, not '$database'" >&2; exit 2
fi
cleanup() {
  for pid in "${pids[@]}"; do stop "$pid"; done
  rm -rf "$work"
  if [ -n "$scratch_db" ]; then
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $scratch_db" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT


# start_gateway NAME [ENV=VALUE...]: starts the gateway, sets $pid and $base, waits for /health.
start_gateway() {
  local name="$1"; shift
  local port; port="$(free_port)"
  mkdir -p "$work/$name"
  env VIDU_DATA_DIR="$work/$name/data" VIDU_PORT="$port" VIDU_PROVIDER=fake VIDU_FAKE_SPEED=1000 VIDU_API_KEYS= \
      ${database_env[@]+"${database_env[@]}"} \
      VIDU_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -Dvidu.bench.constant-endpoint=true" \
      "$@" ${server_cpu[@]+"${server_cpu[@]}"} "$root/vidu" serve >"$work/$name/server.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 120); do
    if curl -sf -o /dev/null "$base/health"; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.5
  done
  echo "rest-throughput: the gateway did not start; its log:" >&2
  cat "$work/$name/server.log" >&2
  exit 1
}

json_field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval("d"+sys.argv[1]))' "$1"; }

# ---- 1. throughput -----------------------------------------------------------------------------------------
start_gateway throughput
if [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/bench/constant")" != 200 ] \
    || [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/v1/tasks/status?task_id=x")" != 404 ]; then
  echo "rest-throughput: $jar does not serve the REST adapter's endpoints (/bench/constant, /v1/tasks/status);" \
       "rebuild it" >&2
  exit 3
fi
task="$(curl -sf -X POST "$base/v1/tasks/submit" -H 'Content-Type: application/json' \
        --data @"$root/adapter-rest/src/test/resources/provider-examples/current-images.json" | json_field "['output']['task_id']")"
for _ in $(seq 1 120); do
  status="$(curl -sf "$base/v1/tasks/status?task_id=$task" | json_field "['output']['task_status']")"
  [ "$status" = Success ] && break
  sleep 0.5
done
echo "stored task $task: $status"
# A task that stays Running (the fake provider's [stuck] trigger): its answer is held in memory while it does not change
# (StatusMemory, kept current by the task store's change feed; decision 13), as a finished task's is.
running="$(curl -sf -X POST "$base/v1/tasks/submit" -H 'Content-Type: application/json' \
        --data '{"model":"viduq2","input":{"images":["https://example.com/a.jpg"],"prompt":"keep running [stuck]"},"parameters":{"vidu_type":"reference2video"}}' \
        | json_field "['output']['task_id']")"
sleep 1
echo "running task $running: $(curl -sf "$base/v1/tasks/status?task_id=$running" | json_field "['output']['task_status']")"
status_url="$base/v1/tasks/status?task_id=$task"
running_url="$base/v1/tasks/status?task_id=$running"
constant_url="$base/bench/constant"
raw="$results/rest-throughput-$database.txt"
: >"$raw"

run() { # run LABEL URL DURATION
  echo "== $1 $(date -u +%H:%M:%S) ==" >>"$raw"
  "${client[@]}" -c64 -d"$3"s --latency "$2" >"$work/wrk.out" 2>&1
  cat "$work/wrk.out" >>"$raw"
  local rps p99
  rps="$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out")"
  p99="$(awk '$1=="99%" {print $2}' "$work/wrk.out")"
  if grep -q 'Non-2xx' "$work/wrk.out"; then echo "rest-throughput: $1 answered non-2xx:" >&2; cat "$work/wrk.out" >&2; exit 1; fi
  echo "$1 $rps $p99"
}

echo "database: $database; ${server_cpu[*]:+gateway on CPU 0, wrk on CPU 1; }warm-up (3 x 10 s)…"
run constant "$constant_url" 10 >/dev/null
run status "$status_url" 10 >/dev/null
run running "$running_url" 10 >/dev/null
: >"$work/runs"
for round in $(seq 1 "$rounds"); do
  run constant "$constant_url" "$seconds" | tee -a "$work/runs"
  run status "$status_url" "$seconds" | tee -a "$work/runs"
  run running "$running_url" "$seconds" | tee -a "$work/runs"
done
python3 - "$work/runs" <<'PY'
import sys, statistics
runs = [l.split() for l in open(sys.argv[1]) if l.strip()]
def ms(v):
    return float(v[:-2]) if v.endswith('ms') else float(v[:-2]) / 1000 if v.endswith('us') else float(v[:-1]) * 1000
for label in ('constant', 'status', 'running'):
    rps = [float(r[1]) for r in runs if r[0] == label]
    p99 = [ms(r[2]) for r in runs if r[0] == label]
    print(f"{label:9} median {statistics.median(rps):9.0f} req/s   p99 median {statistics.median(p99):7.2f} ms   runs {', '.join(f'{x:.0f}' for x in rps)}")
c = statistics.median(float(r[1]) for r in runs if r[0] == 'constant')
s = statistics.median(float(r[1]) for r in runs if r[0] == 'status')
r = statistics.median(float(r[1]) for r in runs if r[0] == 'running')
cp = statistics.median(ms(r[2]) for r in runs if r[0] == 'constant')
sp = statistics.median(ms(r[2]) for r in runs if r[0] == 'status')
rp = statistics.median(ms(r[2]) for r in runs if r[0] == 'running')
print(f"ratio status (finished task)/constant = {s / c:.2f} (target >= 0.80), p99 {sp / cp:.2f}x the constant's (target <= 2)")
print(f"ratio status (running task)/constant = {r / c:.2f} (target >= 0.80), p99 {rp / cp:.2f}x the constant's (target <= 2)")
PY
stop "$pid"
