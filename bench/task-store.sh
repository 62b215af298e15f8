#!/usr/bin/env bash
# Store benchmark: listing a page and reading one task among 10,000 stored tasks in an H2 file, against a
# SELECT 1 through the same pool in the same run. Target: every median under 5 ms.
# Usage: bench/task-store.sh [JMH options]   (from anywhere; writes bench/results/task-store.json)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -B -q -Pbench -pl bench -am package -DskipTests
mkdir -p bench/results
java -jar bench/target/benchmarks.jar TaskStoreBenchmark -rf json -rff bench/results/task-store.json "$@"
python3 bench/summarize_task_store.py bench/results/task-store.json
