#!/usr/bin/env bash
# Issue 18 benchmark: the cluster scenario of .ci/container-check, several times, as containers and as plain processes.
#
# Each round runs .ci/container-check once per signal and per runtime, interleaved (container KILL, process KILL,
# container TERM, process TERM, then the next round), so that the machine's load falls alike on all four:
#   container  two containers of the image (deploy/build-image, built once here) on host networking, A signalled with
#              `podman kill` (KILL) or `podman stop` (TERM) — what CI checks;
#   process    the same scenario with two `java -Xmx128m -XX:+UseSerialGC -jar bootstrap/target/vidu.jar serve` on the
#              host (CONTAINER_CHECK_RUNTIME=process), A signalled with kill(2): the baseline of the same run.
# Every run: a fresh PostgreSQL database, s3rver, the stub Modelverse (tasks end GENERATION s after they are created),
# TASKS submits to A one after the other (CLIP-second clips), then the signal to A while the provider still generates them; B must finish
# every task (container-check's assertions all hold; a run that fails is counted and left out of the figures).
# Reported per runtime and signal (median and range over the runs): the takeover after the signal (first of A's tasks
# leased by B; all of them; A dropped from B's /health; all settled, counted from the moment the provider had finished
# the last task), the provider calls in the busiest 2 s window against the budget 2 × CAP + 1, and the tasks created
# twice. Baselines: the instance dead-after time (15 s, SyncSettings' default; vidu.sync.instance-dead-after is not set
# here) for a kill, the cap for the busiest window, and the plain processes for the containers (ratio of medians).
#
# Usage: bench/containers.sh
# Environment: REPEATS (3), SIGNALS ("KILL TERM"), RUNTIMES ("container process"), TASKS (60), CAP (5),
#              GENERATION (45 s), CLIP (10: viduq2 10 s 540p clips, typically 43 s, so the first poll of a task comes
#              36.75 s after its submit, after the signal: B gets A's tasks only by taking them over, and the check's
#              "B held none of A's tasks while A lived" holds; with 1 s clips, CI's, B would poll the first ones 8.25 s
#              after they were sent, while A lives), VIDU_IMAGE_TAG (localhost/vidu-gateway:dev), RESULTS (bench/results/containers.jsonl,
#              one JSON line per run, appended; each run's SUMMARY line beside it in …-summaries.txt: not committed)
# Needs what .ci/container-check needs (podman configured, java, python3, curl, psql, node and npm, a PostgreSQL on
# 127.0.0.1:5432) and the jar (./mvnw -B -q -DskipTests -pl bootstrap -am package). Run it under the shared build lock:
#   flock /tmp/mvn.lock bench/containers.sh
# Traffic stays on 127.0.0.1; each run of the check removes whatever it started and is bounded by its own timeout (here
# 600 s); this script starts nothing else but deploy/build-image.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
repeats="${REPEATS:-3}"
signals="${SIGNALS:-KILL TERM}"
runtimes="${RUNTIMES:-container process}"
tasks="${TASKS:-60}"
cap="${CAP:-5}"
generation="${GENERATION:-45}"
clip="${CLIP:-10}"
image="${VIDU_IMAGE_TAG:-localhost/vidu-gateway:dev}"
results="${RESULTS:-$root/bench/results/containers.jsonl}"
summaries="${results%.jsonl}-summaries.txt"
jar="$root/bootstrap/target/vidu.jar"
[[ -f "$jar" ]] || { echo "containers: $jar is missing; build it: ./mvnw -B -q -DskipTests -pl bootstrap -am package" >&2; exit 2; }

mkdir -p "$(dirname "$results")"
work="$(mktemp -d "${TMPDIR:-/tmp}/vidu-containers-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
bench_run="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
load() { cut -d' ' -f1-3 /proc/loadavg; }
load_before="$(load)"
echo "containers: $(date -u '+%F %T UTC'), $(nproc) cores, load average before: $load_before" >&2

if [[ "$runtimes" == *container* ]]; then
  echo "containers: building the image once (deploy/build-image)…" >&2
  VIDU_IMAGE_TAG="$image" timeout 600 "$root/deploy/build-image" 2>&1 | sed 's/^/  /' >&2
  [[ ${PIPESTATUS[0]} -eq 0 ]] || { echo "containers: deploy/build-image failed" >&2; exit 1; }
fi

: >"$work/runs.jsonl"
for round in $(seq 1 "$repeats"); do
  for signal in $signals; do
    for runtime in $runtimes; do
      echo "== round $round/$repeats: $runtime, SIG$signal ($(date -u +%T), load $(load)) ==" >&2
      : >"$work/figures.jsonl"
      status=0
      CONTAINER_CHECK_RUNTIME="$runtime" CONTAINER_CHECK_SIGNAL="$signal" CONTAINER_CHECK_TASKS="$tasks" \
        CONTAINER_CHECK_CAP="$cap" CONTAINER_CHECK_GENERATION="$generation" CONTAINER_CHECK_DURATION="$clip" \
        CONTAINER_CHECK_BUILD=no \
        CONTAINER_CHECK_FIGURES="$work/figures.jsonl" VIDU_IMAGE_TAG="$image" \
        "$root/.ci/container-check" >"$work/check.log" 2>&1 || status=$?
      grep -E '^(SUMMARY|FAILED|container-check: FAILED)' "$work/check.log" | sed 's/^/  /' >&2 || true
      grep -E '^SUMMARY' "$work/check.log" | sed "s/^/$bench_run round $round $runtime: /" >>"$summaries" || true
      [[ $status -eq 0 ]] || tail -30 "$work/check.log" | sed 's/^/  | /' >&2
      python3 - "$work/figures.jsonl" "$runtime" "$signal" "$round" "$status" "$bench_run" "$(load)" \
          >>"$work/runs.jsonl" <<'PY'
import json, sys
path, runtime, signal, round_, status, bench_run, load = sys.argv[1:8]
lines = [l for l in open(path) if l.strip()]
figures = json.loads(lines[-1]) if lines else {"failures": ["no figures: the check stopped before its end"]}
figures.update(runtime=runtime, signal=signal, round=int(round_), exit=int(status), bench_run=bench_run,
               load_after=load)
print(json.dumps(figures, separators=(",", ":")))
PY
    done
  done
done
cat "$work/runs.jsonl" >>"$results"
load_after="$(load)"
echo "containers: load average after: $load_after; $(wc -l <"$work/runs.jsonl") runs appended to $results" >&2

python3 - "$work/runs.jsonl" "$cap" "$tasks" "$generation" "$load_before" "$load_after" "$(nproc)" "$clip" <<'PY'
import json, statistics, sys
path, cap, tasks, generation, load_before, load_after, cores, clip = sys.argv[1:9]
cap = float(cap)
runs = [json.loads(l) for l in open(path) if l.strip()]
DEAD_AFTER = 15.0   # the product's default instance dead-after time (SyncSettings), the baseline for a kill
budget = int(2 * cap) + 1

def ok(r):
    return r["exit"] == 0 and not r.get("failures")

def values(rs, key):
    return [r[key] for r in rs if r.get(key) is not None]

def med(vs):
    return statistics.median(vs) if vs else None

def cell(vs, unit=" s", digits=1):
    if not vs:
        return "n/a"
    f = "%." + str(digits) + "f"
    m = f % med(vs) + unit
    return m if len(vs) == 1 else "%s (%s–%s)" % (m, f % min(vs), f % max(vs))

groups = {}
for r in runs:
    groups.setdefault((r["signal"], r["runtime"]), []).append(r)
order = [(s, rt) for s in ("KILL", "TERM") for rt in ("container", "process") if (s, rt) in groups]

print()
print("Runs: %d (%s), %s tasks of %s s clips, cap %g/s, stub generation %s s; %s cores; load average before %s, after %s"
      % (len(runs), ", ".join("%s %s: %d/%d passed" % (rt, s, sum(ok(r) for r in groups[(s, rt)]), len(groups[(s, rt)]))
                              for s, rt in order), tasks, clip, cap, generation, cores, load_before, load_after))
print()
print("| signal | runtime | runs passed | A gone after | first of A's tasks leased by B | all of A's tasks leased by B "
      "| A dropped from B's /health | all settled after the provider finished | busiest 2 s window (budget %d) "
      "| created twice |" % budget)
print("|---|---|---|---|---|---|---|---|---|---|")
for s, rt in order:
    rs = [r for r in groups[(s, rt)] if ok(r)]
    busiest = values(rs, "busiest_2s")
    print("| SIG%s | %s | %d/%d | %s | %s | %s | %s | %s | %s | %d |" % (
        s, rt, len(rs), len(groups[(s, rt)]), cell(values(rs, "a_gone_s")), cell(values(rs, "first_task_taken_s")),
        cell(values(rs, "all_tasks_taken_s")), cell(values(rs, "a_dead_in_b_health_s")),
        cell(values(rs, "settled_after_provider_done_s")),
        "n/a" if not busiest else "%d (%d–%d) = %.2f × cap per s" % (med(busiest), min(busiest), max(busiest),
                                                                      med(busiest) / 2 / cap),
        sum(r.get("created_twice") or 0 for r in groups[(s, rt)])))

print()
print("Ratios of medians, containers ÷ processes (same run), and against the baselines:")
for s in ("KILL", "TERM"):
    c = [r for r in groups.get((s, "container"), []) if ok(r)]
    p = [r for r in groups.get((s, "process"), []) if ok(r)]
    parts = []
    for key, label in (("first_task_taken_s", "first task"), ("all_tasks_taken_s", "all tasks"),
                       ("a_dead_in_b_health_s", "A dropped"), ("settled_after_provider_done_s", "settled")):
        mc, mp = med(values(c, key)), med(values(p, key))
        parts.append("%s %s" % (label, "n/a" if mc is None or mp is None else
                                "%.2f" % (mc / mp) if mp >= 0.5 else "n/a (processes %.2f s)" % mp))
    dead = med(values(c, "a_dead_in_b_health_s"))
    allt = med(values(c, "all_tasks_taken_s"))
    print("  SIG%s: containers ÷ processes: %s; containers against the 15 s dead-after: A dropped %s, all tasks %s"
          % (s, ", ".join(parts), "n/a" if dead is None else "%.2f" % (dead / DEAD_AFTER),
             "n/a" if allt is None else "%.2f" % (allt / DEAD_AFTER)))
allb = values([r for r in runs if ok(r)], "busiest_2s")
if allb:
    print("  busiest 2 s window over all passed runs: at most %d calls = %.2f calls/s against the cap %g/s (budget %d)"
          % (max(allb), max(allb) / 2, cap, budget))
failed = [r for r in runs if not ok(r)]
for r in failed:
    print("  FAILED run: round %d %s SIG%s (exit %d): %s" % (r["round"], r["runtime"], r["signal"], r["exit"],
                                                          "; ".join(r.get("failures") or [])[:400]))
PY
