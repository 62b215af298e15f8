#!/usr/bin/env bash
# Issue 4 benchmark: adaptive polling against a fixed 5-second poll, 1,000 simulated tasks, same run.
# Usage: bench/polling-efficiency.sh [tasks] [seed]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -B -q -Pbench -pl bench -am package -DskipTests
java -cp bench/target/benchmarks.jar com.vidugateway.bench.PollingEfficiencySimulation "$@"
