#!/usr/bin/env bash
# Issue 10 benchmark: memory independent of image size, through ./vidu serve as users start it, with the Modelverse
# adapter against a stub Modelverse on loopback (bench/stub_modelverse.py).
#   1. One submit of 7 inline PNGs of exactly 50 MiB (a 467 MiB body): peak RSS of the server (VmHWM) against the
#      body (target <= 0.5); the stub keeps what it received and the script checks every image string is
#      byte-identical to the client's; the H2 database file afterwards (target < 10 MiB).
#   2. Three such submits at once on a fresh server: every answer 200, peak RSS against one body (target <= 0.6).
#   3. GET /v1/tasks?limit=100 over 100 tasks with inline images (the 3 large ones and 97 with 7 images of 1 MiB)
#      against the same page over 100 URL-image tasks on a second server, same run, alternating (target ratio <= 1.5).
#
# Usage: bench/image-memory.sh
# Needs: java 17+, curl, python3; about 3 GB of free space in /tmp. Raw figures in bench/results/image-memory.txt.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
results="$root/bench/results"
mkdir -p "$results"
bench=image-memory
. "$root/bench/lib.sh"
need java curl python3
need_jar

work="$(mktemp -d /tmp/vidu-image-bench.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do stop "$p"; done
  rm -rf "$work"
}
trap cleanup EXIT
hwm() { awk '/VmHWM/ {print $2 * 1024}' "/proc/$1/status"; }
raw="$results/image-memory.txt"
: >"$raw"
say() { echo "$*" | tee -a "$raw"; }

# ---- the bodies ------------------------------------------------------------------------------------------------
python3 - "$work" <<'PY'
import base64, hashlib, json, os, struct, sys, zlib
work = sys.argv[1]
def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
def png(size, width=1024, height=768):
    ihdr = chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))
    idat = chunk(b'IDAT', zlib.compress(b''.join(b'\x00' + b'\x80' * (width * 3) for _ in range(height)), 9))
    iend = chunk(b'IEND', b'')
    fixed = 8 + len(ihdr) + len(idat) + len(iend) + 12
    # a private ancillary chunk of random bytes grows the file to exactly `size` (as an EXIF blob would)
    return b'\x89PNG\r\n\x1a\n' + ihdr + chunk(b'prVt', os.urandom(size - fixed)) + idat + iend
expected = []
with open(f'{work}/large.json', 'w') as out:
    out.write('{"model":"viduq2","input":{"prompt":"seven references at 50 MiB each","images":[')
    for i in range(7):
        text = 'data:image/png;base64,' + base64.b64encode(png(50 * 1024 * 1024)).decode('ascii')
        expected.append(hashlib.sha256(text.encode()).hexdigest())
        out.write(('' if i == 0 else ',') + '"' + text + '"')
    out.write(']},"parameters":{"vidu_type":"reference2video","duration":5}}')
with open(f'{work}/expected.txt', 'w') as f:
    f.write('\n'.join(expected))
for n in range(97):
    images = ['data:image/png;base64,' + base64.b64encode(png(1024 * 1024)).decode('ascii') for _ in range(7)]
    with open(f'{work}/small-{n}.json', 'w') as f:
        json.dump({"model": "viduq2", "input": {"prompt": f"seven 1 MiB references, task {n}", "images": images},
                   "parameters": {"vidu_type": "reference2video"}}, f)
PY
size="$(stat -c %s "$work/large.json")"
say "body: $size bytes ($(( size / 1048576 )) MiB), 7 PNG images of 52428800 bytes as data URIs"

# ---- the stub provider and the gateway ------------------------------------------------------------------------
python3 "$root/bench/stub_modelverse.py" --port-file "$work/stub.port" --keep "$work/received.json" --seconds 3000 &
pids+=($!)
for _ in $(seq 1 50); do [ -s "$work/stub.port" ] && break; sleep 0.1; done
stub="http://127.0.0.1:$(cat "$work/stub.port")"

# start NAME: ./vidu serve with the Modelverse adapter against the stub; sets $pid, $base, $data.
start() {
  local port; port="$(free_port)"
  data="$work/$1"
  mkdir -p "$data"
  env VIDU_DATA_DIR="$data" VIDU_PORT="$port" VIDU_PROVIDER=modelverse MODELVERSE_API_KEY=bench-key \
      MODELVERSE_BASE_URL="$stub" VIDU_MAX_REQUEST_SIZE="$size" VIDU_API_KEYS= \
      VIDU_DOWNLOAD_ALLOW_PRIVATE=true VIDU_DOWNLOAD_ALLOWED_PORTS="${stub##*:}" \
      "$root/vidu" serve >"$data.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "$base/health" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  echo "image-memory: the gateway did not start; its log:" >&2
  cat "$data.log" >&2
  exit 1
}
submit() { # submit FILE -> "code seconds"
  curl -s -o "$work/answer.json" -w '%{http_code} %{time_total}' -X POST "$base/v1/tasks/submit" \
       -H 'Content-Type: application/json' --data-binary @"$1"
}

# ---- 1. one submit --------------------------------------------------------------------------------------------
start one
idle="$(hwm "$pid")"
answer="$(submit "$work/large.json")"
peak="$(hwm "$pid")"
say "one submit: answer $answer ($(head -c 200 "$work/answer.json")); VmHWM idle $idle, after $peak"
identical="$(python3 - "$work/received.json" "$work/expected.txt" <<'PY'
import hashlib, json, sys
body = json.load(open(sys.argv[1]))
got = [hashlib.sha256(i.encode()).hexdigest() for i in body['input']['images']]
want = open(sys.argv[2]).read().split()
print('all 7 image strings byte-identical' if got == want else f'DIFFERENT: {got} vs {want}')
PY
)"
say "provider received: $identical"
db="$(stat -c %s "$data"/vidu.mv.db)"
say "database file after the submit: $db bytes; blobs: $(du -sb "$data/blobs" | cut -f1) bytes"
stop "$pid"

# ---- 2. three at once -----------------------------------------------------------------------------------------
start burst
idle="$(hwm "$pid")"
jobs=()
for i in 1 2 3; do
  curl -s -o /dev/null -w '%{http_code} %{time_total}s\n' -X POST "$base/v1/tasks/submit" \
       -H 'Content-Type: application/json' --data-binary @"$work/large.json" >"$work/burst-$i.txt" &
  jobs+=($!)
done
for job in "${jobs[@]}"; do wait "$job" || true; done
burst_peak="$(hwm "$pid")"
say "three at once: answers $(cat "$work"/burst-*.txt | tr '\n' ' ')| VmHWM idle $idle, after $burst_peak"
say "database file after three: $(stat -c %s "$data"/vidu.mv.db) bytes"

# ---- 3. a page of 100 inline-image tasks against 100 URL-image tasks ----------------------------------------------
for n in $(seq 0 96); do
  code="$(submit "$work/small-$n.json" | cut -d' ' -f1)"
  [ "$code" = 200 ] || { echo "image-memory: small submit $n answered $code: $(cat "$work/answer.json")" >&2; exit 1; }
done
inline_base="$base"
start urls
for n in $(seq 1 100); do
  curl -sf -o /dev/null -X POST "$base/v1/tasks/submit" -H 'Content-Type: application/json' \
       --data "{\"model\":\"viduq2\",\"input\":{\"images\":[\"https://example.com/$n-a.jpg\",\"https://example.com/$n-b.jpg\"],\"prompt\":\"task $n\"},\"parameters\":{\"vidu_type\":\"reference2video\"}}"
done
url_base="$base"
python3 - "$inline_base" "$url_base" <<'PY' | tee -a "$raw"
import json, statistics, sys, time, urllib.request
def once(base):
    start = time.perf_counter()
    with urllib.request.urlopen(base + '/v1/tasks?limit=100') as r:
        body = json.load(r)
    took = time.perf_counter() - start
    assert len(body['data'] if 'data' in body else body['tasks']) == 100, body.keys()
    return took
for base in sys.argv[1:]:
    for _ in range(20):
        once(base)
inline, urls = [], []
for _ in range(200):
    inline.append(once(sys.argv[1]))
    urls.append(once(sys.argv[2]))
a, b = statistics.median(inline), statistics.median(urls)
print(f"GET /v1/tasks?limit=100: inline-image tasks median {a * 1000:.2f} ms, URL-image tasks {b * 1000:.2f} ms,"
      f" ratio {a / b:.2f} (target <= 1.5)")
PY

python3 - "$size" "$peak" "$burst_peak" "$db" <<'PY' | tee -a "$raw"
import sys
size, one, three, db = (int(x) for x in sys.argv[1:])
mib = 1048576
print(f"one submit: peak RSS {one / mib:.0f} MiB = {one / size:.2f} x the body ({size / mib:.0f} MiB); target <= 0.50")
print(f"three at once: peak RSS {three / mib:.0f} MiB = {three / size:.2f} x one body; target <= 0.60")
print(f"database file: {db / mib:.2f} MiB; target < 10 MiB")
PY
