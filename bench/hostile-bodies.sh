#!/usr/bin/env bash
# Issue 12 benchmark ("Edges"): server CPU per hostile submit body, against the issue's target of 200 ms.
#
# Runs adapter-rest's HostileBodiesTest with more bodies than the suite does: the real Micronaut server of the REST
# adapter on loopback (in-memory task store, scripted provider), seeded structure-aware bodies up to 1 MiB (long
# arrays of every JSON type in images, subjects and parameters; tens of thousands of unknown or deeply nested fields;
# huge strings in every field that takes a word, below and above the 64 KiB long-string threshold; all at once).
# Each body is sent alone, alternately to /v1/tasks/submit and /v1/tasks/validate; its CPU is the thread CPU time
# (ThreadMXBean) of every server thread over the request (the event loop reading it, the blocking thread checking it;
# the client's threads left out). Before each hostile body a trivial valid body is measured the same way: the report
# gives each kind's worst body as a ratio to that baseline's median, same run.
#
# Usage: bench/hostile-bodies.sh [bodies, default 900] [seed, default 20261212]
# Needs: java 17+ (Maven Wrapper). Report in bench/results/hostile-bodies.txt.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bodies="${1:-900}"
seed="${2:-20261212}"
mkdir -p "$root/bench/results"
report="$root/bench/results/hostile-bodies.txt"
cd "$root"
# The domain must be installed for adapter-rest's build; the lock keeps parallel Maven runs apart where one is used.
run() { if command -v flock >/dev/null && [ -e /tmp/mvn.lock ]; then flock /tmp/mvn.lock "$@"; else "$@"; fi; }
run ./mvnw -q -pl adapter-rest test -Dtest=HostileBodiesTest#hostile_bodies_are_answered_4xx_or_2xx_small_and_within_the_cpu_bound \
  -Dsurefire.failIfNoSpecifiedTests=false -Dhostile.bodies="$bodies" -Dhostile.seed="$seed" -Dhostile.report="$report" \
  >/dev/null || { echo "hostile-bodies: the run failed (see adapter-rest/target/surefire-reports)" >&2; exit 1; }
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, seed $seed"
cat "$report"
