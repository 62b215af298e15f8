#!/usr/bin/env bash
# Issue 5 benchmark, REST adapter, on loopback:
#   1. GET /v1/tasks/status for a stored task against a minimal endpoint returning a constant (GET /bench/constant,
#      present only with vidu.bench.constant-endpoint=true), same server, same run, wrk with 64 connections,
#      alternating runs; reports requests/s, the ratio (target >= 0.5) and p99 latency.
#   2. A submit of 7 inline images of 50 MiB (the largest valid request) with the body limit set to its size:
#      peak RSS of the server (VmHWM) against 3x the body size.
#
# The gateway is the real one, started as users start it: ./vidu serve (which sizes the heap from
# VIDU_MAX_REQUEST_SIZE), H2 in a temporary data directory, the fake provider at VIDU_FAKE_SPEED=1000, no client
# keys (loopback).
#
# Usage: bench/rest-throughput.sh [seconds per wrk run, default 15] [rounds, default 3]
# Environment:
#   BENCH_JAVA_OPTS extra JVM options for the gateway (none by default: the figures are for the launcher's settings)
#   SKIP_RSS=1     only the throughput part; SKIP_THROUGHPUT=1 only the RSS part
# Needs: java 17+, wrk (apt-get install -y wrk), curl, python3. Raw output in bench/results/rest-*.txt.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-15}"
rounds="${2:-3}"
jar="$root/bootstrap/target/vidu.jar"
results="$root/bench/results"
mkdir -p "$results"
for tool in java wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "rest-throughput: '$tool' is missing (wrk: apt-get install -y wrk)" >&2; exit 2; }
done
[ -f "$jar" ] || { echo "rest-throughput: $jar is missing; build it with ./mvnw -B -q package -DskipTests" >&2; exit 2; }

work="$(mktemp -d /tmp/vidu-rest-bench.XXXXXX)"
pids=()
# stop_gateway PID: SIGTERM, then SIGKILL after 20 s (a server busy with a huge task can take minutes to stop).
stop_gateway() {
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 1 40); do kill -0 "$1" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
cleanup() {
  for pid in "${pids[@]}"; do stop_gateway "$pid"; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_gateway NAME [ENV=VALUE...]: starts the gateway, sets $pid and $base, waits for /health.
start_gateway() {
  local name="$1"; shift
  local port; port="$(free_port)"
  mkdir -p "$work/$name"
  env VIDU_DATA_DIR="$work/$name/data" VIDU_PORT="$port" VIDU_PROVIDER=fake VIDU_FAKE_SPEED=1000 VIDU_API_KEYS= \
      VIDU_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -Dvidu.bench.constant-endpoint=true" \
      "$@" "$root/vidu" serve >"$work/$name/server.log" 2>&1 &
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
if [ "${SKIP_THROUGHPUT:-}" != 1 ]; then
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
# A task that stays Running (the fake provider's [stuck] trigger): its status is read from the database each time,
# while a finished task's is answered from memory (FinalStatuses).
running="$(curl -sf -X POST "$base/v1/tasks/submit" -H 'Content-Type: application/json' \
        --data '{"model":"viduq2","input":{"images":["https://example.com/a.jpg"],"prompt":"keep running [stuck]"},"parameters":{"vidu_type":"reference2video"}}' \
        | json_field "['output']['task_id']")"
sleep 1
echo "running task $running: $(curl -sf "$base/v1/tasks/status?task_id=$running" | json_field "['output']['task_status']")"
status_url="$base/v1/tasks/status?task_id=$task"
running_url="$base/v1/tasks/status?task_id=$running"
constant_url="$base/bench/constant"
raw="$results/rest-throughput.txt"
: >"$raw"

run() { # run LABEL URL DURATION
  echo "== $1 $(date -u +%H:%M:%S) ==" >>"$raw"
  wrk -t2 -c64 -d"$3"s --latency "$2" >"$work/wrk.out" 2>&1
  cat "$work/wrk.out" >>"$raw"
  local rps p99
  rps="$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out")"
  p99="$(awk '$1=="99%" {print $2}' "$work/wrk.out")"
  if grep -q 'Non-2xx' "$work/wrk.out"; then echo "rest-throughput: $1 answered non-2xx:" >&2; cat "$work/wrk.out" >&2; exit 1; fi
  echo "$1 $rps $p99"
}

echo "warm-up (3 x 10 s)…"
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
print(f"ratio status (finished task)/constant = {s / c:.2f} (target >= 0.50)")
print(f"ratio status (running task, database read)/constant = {r / c:.2f}")
PY
stop_gateway "$pid"
fi

# ---- 2. peak RSS of a maximal inline submit ------------------------------------------------------------------
if [ "${SKIP_RSS:-}" = 1 ]; then exit 0; fi
body="$work/seven-images.json"
python3 - "$body" <<'PY'
import base64, os, struct, sys, zlib
def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
def png(size, width=1024, height=768):
    ihdr = chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))
    idat = chunk(b'IDAT', zlib.compress(b''.join(b'\x00' + b'\x80' * (width * 3) for _ in range(height)), 9))
    iend = chunk(b'IEND', b'')
    fixed = 8 + len(ihdr) + len(idat) + len(iend) + 12
    # a private ancillary chunk of random bytes grows the file to exactly `size` (as an EXIF blob would)
    return b'\x89PNG\r\n\x1a\n' + ihdr + chunk(b'prVt', os.urandom(size - fixed)) + idat + iend
with open(sys.argv[1], 'w') as out:
    out.write('{"model":"viduq2","input":{"prompt":"seven references at 50 MiB each","images":[')
    for i in range(7):
        out.write(('' if i == 0 else ',') + '"data:image/png;base64,')
        out.write(base64.b64encode(png(50 * 1024 * 1024)).decode('ascii'))
        out.write('"')
    out.write(']},"parameters":{"vidu_type":"reference2video","duration":5}}')
PY
size="$(stat -c %s "$body")"
echo "submit body: $size bytes ($(( size / 1048576 )) MiB), 7 PNG images of 52428800 bytes; VIDU_MAX_REQUEST_SIZE=$size"
start_gateway rss VIDU_MAX_REQUEST_SIZE="$size"
grep -o 'Memory: .*' "$work/rss/server.log" || true
idle="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")"
# A body one byte over the limit: the answer (413) must come before any of it is sent.
python3 - "$base" "$((size + 1))" <<'PY' | tee "$work/over.txt"
import socket, sys, urllib.parse
url = urllib.parse.urlparse(sys.argv[1])
s = socket.create_connection((url.hostname, url.port), timeout=10)
s.sendall(("POST /v1/tasks/submit HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %s\r\n\r\n"
           % (url.netloc, sys.argv[2])).encode())
answer = s.recv(65536).decode(errors="replace")
print("over the limit, before sending the body:", answer.split("\r\n")[0], "|", answer[answer.find("{"):][:160])
PY
over="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")"
answer="$(curl -s -w ' %{http_code} %{time_total}' -X POST "$base/v1/tasks/submit" -H 'Content-Type: application/json' \
          --data-binary @"$body")"
peak="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")"
now="$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")"
code="$(echo "$answer" | awk '{print $(NF-1)}')"
took="$(echo "$answer" | awk '{print $NF}')"
{
  echo "body bytes: $size"
  echo "answer: $answer" | cut -c1-400
  cat "$work/over.txt"
  echo "VmHWM idle: $idle kB; after the over-limit probe: $over kB; after the submit: $peak kB; VmRSS after: $now kB"
} | tee "$results/rest-rss.txt"
python3 - "$size" "$idle" "$peak" "$code" "$took" <<'PY'
import sys
size, idle, peak, code, took = int(sys.argv[1]), int(sys.argv[2]) * 1024, int(sys.argv[3]) * 1024, sys.argv[4], float(sys.argv[5])
mib = 1024 * 1024
print(f"submit answered {code} in {took:.1f} s")
print(f"peak RSS {peak / mib:.0f} MiB (idle {idle / mib:.0f} MiB) = {peak / size:.2f} x the body ({size / mib:.0f} MiB); target < 3.00")
PY

# Three of those submits at once: the heap holds one, so the others wait their turn (BodyAdmission); all must
# be accepted, and the peak must stay that of one.
stop_gateway "$pid"
start_gateway burst VIDU_MAX_REQUEST_SIZE="$size"
idle="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")"
burst=()
for i in 1 2 3; do
  curl -s -o /dev/null -w '%{http_code} %{time_total}s\n' -X POST "$base/v1/tasks/submit" \
       -H 'Content-Type: application/json' --data-binary @"$body" >"$work/burst-$i.txt" &
  burst+=($!)
done
for job in "${burst[@]}"; do wait "$job" || true; done
peak="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")"
echo "three at once: answers $(cat "$work"/burst-*.txt | tr '\n' ' ')| VmHWM idle $idle kB, after $peak kB" \
  | tee -a "$results/rest-rss.txt"
python3 - "$size" "$peak" <<'PY'
import sys
size, peak = int(sys.argv[1]), int(sys.argv[2]) * 1024
print(f"three maximal submits at once: peak RSS {peak / 1048576:.0f} MiB = {peak / size:.2f} x one body")
PY

# The REST adapter's own share: the same body through the dry run (read, parsed, checked; not stored or sent),
# on a fresh server so that its VmHWM is its own.
stop_gateway "$pid"
start_gateway validate VIDU_MAX_REQUEST_SIZE="$size"
idle="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")"
answer="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -X POST "$base/v1/tasks/validate" \
          -H 'Content-Type: application/json' --data-binary @"$body")"
peak="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")"
echo "validate: answer $answer; VmHWM idle $idle kB, after $peak kB" | tee -a "$results/rest-rss.txt"
python3 - "$size" "$idle" "$peak" <<'PY'
import sys
size, idle, peak = int(sys.argv[1]), int(sys.argv[2]) * 1024, int(sys.argv[3]) * 1024
mib = 1024 * 1024
print(f"dry run of the same body (REST adapter + domain only): peak RSS {peak / mib:.0f} MiB = {peak / size:.2f} x the body")
PY
