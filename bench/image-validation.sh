#!/usr/bin/env bash
# Issue 2 benchmark: validation cost of one inline image, 50 MiB against 50 KiB, same format, same run.
# Usage: bench/image-validation.sh   (from anywhere; writes bench/results/image-validation.json)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -B -q -Pbench -pl bench -am package -DskipTests
mkdir -p bench/results
java -jar bench/target/benchmarks.jar ImageValidationBenchmark -prof gc \
  -rf json -rff bench/results/image-validation.json "$@"
python3 bench/summarize_image_validation.py bench/results/image-validation.json
