#!/usr/bin/env bash
# Issue 11 benchmark: the same workload on 1, 2 and 3 gateway instances, all on loopback and on this one machine.
#
# Every configuration gets the same services: one PostgreSQL server (127.0.0.1:5432, user postgres, trust; a fresh
# database per configuration, dropped at the end), one s3rver (installed with npm ci from adapter-s3's committed lock
# file; one bucket, a prefix per configuration) and one stub Modelverse (bench/stub_modelverse_cluster.py: tasks end
# 2 s after they are created, 16 KiB videos). The instances are the built jar, `java -jar bootstrap/target/vidu.jar
# serve`, each with its own port and empty data directory, VIDU_STORAGE on the bucket, the Modelverse adapter on the
# stub and VIDU_PROVIDER_CALLS_PER_SECOND = CAP (default 5, the product default, a cap for the whole cluster).
#
# The workload, per configuration:
#   1. SUBMITS submits (distinct prompts, a URL reference image, viduq2 1 s 540p), CONCURRENCY at a time, round-robin
#      over the instances, each with an Idempotency-Key (a refused connection is retried on the next instance):
#      accepted submits/s. A submit calls the provider before it answers, so this is bounded by the cap.
#   2. Until every accepted task has ended (Success with its video stored, or Failure): the provider calls the stub saw
#      from the first submit to the last task's end (submits and status reads), their mean per second and the busiest
#      second, against the cap.
#   3. READ_SECONDS of GET /v1/tasks/status on the finished tasks, round-robin over the instances, by 2 client
#      processes of 8 threads (Python): status reads/s. The client shares the 2 cores, so this is a lower bound.
#
# Usage: bench/instances.sh            Environment: SUBMITS (100), CONCURRENCY (8), CAP (5), READ_SECONDS (10),
#                                                   INSTANCE_COUNTS ("1 2 3"), BENCH_JAVA_OPTS (default -Xmx128m
#                                                   -XX:+UseSerialGC, as ./vidu serve runs)
# Needs: java 17+, node and npm, python3, curl, psql, a PostgreSQL on 127.0.0.1:5432 (.ci/run starts one), and the jar
# (./mvnw -B -q package -DskipTests). Traffic stays on 127.0.0.1; every process it starts is stopped, every database
# dropped, and the whole run is bounded (each configuration by a few minutes, the stub and s3rver by 30 min).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
submits="${SUBMITS:-100}"
concurrency="${CONCURRENCY:-8}"
cap="${CAP:-5}"
read_seconds="${READ_SECONDS:-10}"
counts="${INSTANCE_COUNTS:-1 2 3}"
java_opts="${BENCH_JAVA_OPTS:--Xmx128m -XX:+UseSerialGC}"
bench=instances
. "$root/bench/lib.sh"
need java node npm python3 curl psql
need_jar
pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || { echo "instances: no PostgreSQL on 127.0.0.1:5432" >&2; exit 2; }

work="$(mktemp -d /tmp/vidu-instances-bench.XXXXXX)"
run="$(date +%s)$$"
server_pids=()
service_pids=()
databases=()

stop_servers() {
  for pid in "${server_pids[@]}"; do stop "$pid" 10; done
  server_pids=()
}
cleanup() {
  stop_servers
  for pid in "${service_pids[@]}"; do stop "$pid" 10; done
  for db in "${databases[@]}"; do
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for_file() { for _ in $(seq 1 60); do [ -s "$1" ] && return 0; sleep 0.5; done; return 1; }

# ---- the shared services ----------------------------------------------------------------------------------------
python3 "$root/bench/stub_modelverse_cluster.py" --port-file "$work/stub.port" --seconds 1800 >"$work/stub.log" 2>&1 &
service_pids+=("$!")
wait_for_file "$work/stub.port" || { echo "instances: the stub did not start: $(cat "$work/stub.log")" >&2; exit 1; }
stub="http://127.0.0.1:$(cat "$work/stub.port")"

s3home="$root/bootstrap/target/s3rver"
if [ ! -f "$s3home/node_modules/s3rver/package.json" ]; then
  s3home="$work/s3rver"
  mkdir -p "$s3home"
  cp "$root/adapter-s3/src/test/s3rver/package.json" "$root/adapter-s3/src/test/s3rver/package-lock.json" "$s3home/"
  (cd "$s3home" && timeout 300 npm ci --no-audit --no-fund --prefer-offline >"$work/npm.log" 2>&1) \
    || { echo "instances: npm ci for s3rver failed: $(tail -5 "$work/npm.log")" >&2; exit 1; }
fi
mkdir -p "$work/s3data"
S3RVER_HOME="$s3home" node -e '
  const S3rver = require(process.env.S3RVER_HOME + "/node_modules/s3rver");
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: process.argv[1] });
  server.run().then(a => require("fs").writeFileSync(process.argv[2], String(a.port)),
                    e => { console.error(e.message); process.exit(1); });
  setTimeout(() => process.exit(0), 1800 * 1000);' "$work/s3data" "$work/s3.port" >"$work/s3rver.log" 2>&1 &
service_pids+=("$!")
wait_for_file "$work/s3.port" || { echo "instances: s3rver did not start: $(cat "$work/s3rver.log")" >&2; exit 1; }
s3="http://127.0.0.1:$(cat "$work/s3.port")"
bucket="vidu-bench-$run"
curl -sf -X PUT "$s3/$bucket" >/dev/null || { echo "instances: could not create bucket $bucket" >&2; exit 1; }

# ---- one configuration ------------------------------------------------------------------------------------------
# start_instances N: a fresh database, N servers; sets $bases (comma-separated) once all are healthy.
start_instances() {
  local n="$1" db="vidu_bench_${run}_$1" i port
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $db" >/dev/null
  databases+=("$db")
  bases=""
  for i in $(seq 1 "$n"); do
    port="$(free_port)"
    mkdir -p "$work/n$n/i$i/data"
    # shellcheck disable=SC2086
    env -u MODELVERSE_API_KEY VIDU_PORT="$port" VIDU_HOST=127.0.0.1 VIDU_API_KEYS=bench-key \
        VIDU_DATA_DIR="$work/n$n/i$i/data" VIDU_PROVIDER=modelverse MODELVERSE_API_KEY=stub-key MODELVERSE_BASE_URL="$stub" \
        DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:5432/$db" DATASOURCES_DEFAULT_USERNAME=postgres \
        DATASOURCES_DEFAULT_PASSWORD= VIDU_STORAGE="s3://$bucket/n$n" AWS_ENDPOINT_URL="$s3" AWS_ACCESS_KEY_ID=S3RVER \
        AWS_SECRET_ACCESS_KEY=S3RVER AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true NO_COLOR=1 \
        VIDU_DOWNLOAD_ALLOW_PRIVATE=true VIDU_DOWNLOAD_ALLOWED_PORTS="${stub##*:}" \
        VIDU_PROVIDER_CALLS_PER_SECOND="$cap" java $java_opts -jar "$jar" serve \
        >"$work/n$n/i$i/serve.log" 2>&1 </dev/null &
    server_pids+=("$!")
    bases="${bases:+$bases,}http://127.0.0.1:$port"
  done
  local base pid_index=0
  for base in ${bases//,/ }; do
    local ok=""
    for _ in $(seq 1 180); do
      if curl -sf -o /dev/null -H 'Authorization: bench-key' "$base/health"; then ok=1; break; fi
      kill -0 "${server_pids[$pid_index]}" 2>/dev/null || break
      sleep 0.5
    done
    [ -n "$ok" ] || { echo "instances: $base did not start; its log:" >&2;
                      tail -20 "$work/n$n/i$((pid_index + 1))/serve.log" >&2; exit 1; }
    pid_index=$((pid_index + 1))
  done
}

: >"$work/results"
for n in $counts; do
  echo "== $n instance(s) ==" >&2
  start_instances "$n"
  timeout 600 python3 - "$n" "$bases" "$stub" "$submits" "$concurrency" "$read_seconds" "$cap" "$run" \
      >>"$work/results" <<'PY'
import concurrent.futures, http.client, json, multiprocessing, random, sys, time, urllib.parse

n, bases, stub, submits, concurrency, read_seconds, cap, run = sys.argv[1:9]
n, submits, concurrency, read_seconds, cap = int(n), int(submits), int(concurrency), int(read_seconds), float(cap)
bases = bases.split(",")
KEY = {"Authorization": "bench-key"}

def request(base, method, path, body=None, headers=None, timeout=30):
    url = urllib.parse.urlparse(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=dict(KEY, **(headers or {})))
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()

def stats():
    return json.loads(request(stub, "GET", "/stats")[1])

def submit(i):
    prompt = "instances bench %s n%d number %d: make it dance." % (run, n, i)
    body = json.dumps({"model": "viduq2", "input": {"images": [stub + "/images/ref-%d.jpg" % (i % 7)], "prompt": prompt},
                       "parameters": {"vidu_type": "reference2video", "duration": 1, "aspect_ratio": "16:9",
                                      "resolution": "540p", "movement_amplitude": "auto", "bgm": True}})
    headers = {"Content-Type": "application/json", "Idempotency-Key": "bench-%s-%d-%d" % (run, n, i)}
    for attempt in range(len(bases) * 2):
        base = bases[(i + attempt) % len(bases)]
        try:
            status, answer = request(base, "POST", "/v1/tasks/submit", body, headers)
        except OSError:
            continue
        if status == 200:
            return json.loads(answer)["output"]["task_id"]
        if status not in (429, 503):
            return None
        time.sleep(0.5)
    return None

# 1. submits
start = stats()["now"]
began = time.monotonic()
with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
    ids = [t for t in pool.map(submit, range(submits)) if t]
submit_seconds = time.monotonic() - began

# 2. until every accepted task has ended
def listed():
    tasks, cursor = {}, None
    for _ in range(50):
        status, answer = request(bases[0], "GET", "/v1/tasks?limit=100" + ("&cursor=" + urllib.parse.quote(cursor) if cursor else ""))
        page = json.loads(answer)
        tasks.update((t["task_id"], t) for t in page["tasks"])
        cursor = page.get("next_cursor")
        if not cursor:
            return tasks
    return tasks

def ended(task):
    return task and (task["status"] == "Failure" or task["status"] == "Success" and (task.get("video") or {}).get("stored"))

deadline = time.monotonic() + 300
while True:
    tasks = listed()
    open_tasks = [i for i in ids if not ended(tasks.get(i))]
    if not open_tasks or time.monotonic() > deadline:
        break
    time.sleep(1)
settle_seconds = time.monotonic() - began
seen = stats()
calls = sorted(t for t in seen["calls"] if t >= start)
def busiest_second(times):
    best, at, j = 0, 0.0, 0
    for i in range(len(times)):
        while j < len(times) and times[j] - times[i] < 1.0:
            j += 1
        if j - i > best:
            best, at = j - i, times[i] - times[0]
    return best, at
busiest, busiest_at = busiest_second(calls)
busiest_later = busiest_second([t for t in calls if calls and t - calls[0] >= 2.0])[0]
span = (calls[-1] - calls[0]) if len(calls) > 1 else 1.0
failures = sum(1 for i in ids if (tasks.get(i) or {}).get("status") == "Failure")

# 3. status reads of the finished tasks
def reader(args):
    seconds, seed = args
    rng = random.Random(seed)
    done = errors = 0
    stop_at = time.monotonic() + seconds
    lock = __import__("threading").Lock()
    def loop():
        nonlocal done, errors
        connections = {}
        while time.monotonic() < stop_at:
            base = rng.choice(bases)
            url = urllib.parse.urlparse(base)
            c = connections.get(base) or http.client.HTTPConnection(url.hostname, url.port, timeout=10)
            connections[base] = c
            try:
                c.request("GET", "/v1/tasks/status?task_id=" + rng.choice(ids), headers=KEY)
                r = c.getresponse(); r.read()
                with lock:
                    done += r.status == 200
                    errors += r.status != 200
            except OSError:
                connections.pop(base, None)
                with lock:
                    errors += 1
    threads = [__import__("threading").Thread(target=loop) for _ in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    return done, errors

reads = read_errors = 0
if ids:
    with multiprocessing.get_context("fork").Pool(2) as processes:
        for done, errors in processes.map(reader, [(read_seconds, 1), (read_seconds, 2)]):
            reads += done
            read_errors += errors

print(json.dumps({"instances": n, "submits": submits, "accepted": len(ids), "submit_seconds": submit_seconds,
                  "open": len(open_tasks), "failures": failures, "settle_seconds": settle_seconds,
                  "calls": len(calls), "calls_per_second": len(calls) / span if span > 0 else 0, "busiest": busiest,
                  "busiest_at": busiest_at, "busiest_later": busiest_later,
                  "created_twice": seen["created_twice"], "reads_per_second": reads / read_seconds,
                  "read_errors": read_errors, "cap": cap}))
PY
  local_videos="$(find "$work/n$n" -path '*/data/videos/*' -type f | wc -l)"
  echo "{\"instances\": $n, \"local_video_files\": $local_videos}" >>"$work/results"
  stop_servers
done

python3 - "$work/results" "$(nproc)" <<'PY'
import json, sys
rows, local = [], {}
for line in open(sys.argv[1]):
    d = json.loads(line)
    if "local_video_files" in d:
        local[d["instances"]] = d["local_video_files"]
    else:
        rows.append(d)
print()
print("instances | accepted | submits/s | all ended after | provider calls | calls/s (mean) | busiest second (at)  | busiest after 2 s | cap/s | status reads/s | failures | created twice | local video files")
print("----------|----------|-----------|-----------------|----------------|----------------|----------------------|-------------------|-------|----------------|----------|---------------|------------------")
for d in rows:
    print("%9d | %4d/%-3d | %9.1f | %13.1f s | %14d | %14.1f | %6d (at %6.1f s) | %17d | %5g | %14.0f | %8d | %13d | %d%s" % (
        d["instances"], d["accepted"], d["submits"], d["accepted"] / d["submit_seconds"], d["settle_seconds"], d["calls"],
        d["calls_per_second"], d["busiest"], d["busiest_at"], d["busiest_later"], d["cap"], d["reads_per_second"],
        d["failures"], d["created_twice"], local.get(d["instances"], -1),
        "" if d["open"] == 0 else "  (%d task(s) never ended)" % d["open"]))
print("(busiest second: the most provider calls the stub saw in any 1-s window, 'at' seconds after the first submit"
      " reached it; 'after 2 s' leaves out the first two seconds, when each instance makes its first, cold call)")
print()
print("Machine: %s cores (the workplace limit is 2): every instance, PostgreSQL, s3rver, the stub and the load client"
      " share them, so more instances add no CPU; the provider-call cap (per cluster) bounds submits/s and calls/s." % sys.argv[2])
PY
