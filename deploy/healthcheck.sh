#!/bin/bash
# The container's health check, with nothing but bash (no curl in the image): GET PATH (default /health/readiness) on
# this container's VIDU_PORT, healthy on a 200 within 5 s. For compose, podman or docker health checks:
#   healthcheck: test: ["CMD", "/app/healthcheck", "/health/readiness"]
# Kubernetes probes use httpGet instead.
set -euo pipefail
path="${1:-/health/readiness}"
host="${VIDU_HOST:-127.0.0.1}"
case "$host" in 0.0.0.0 | "::" | "[::]" | "") host=127.0.0.1 ;; esac
port="${VIDU_PORT:-8080}"
if ! { exec 3<>"/dev/tcp/$host/$port"; } 2>/dev/null; then
  echo "healthcheck: nothing answers on $host:$port" >&2
  exit 1
fi
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
status=""
read -r -t 5 _ status _ <&3 || true
if [[ "$status" != 200 ]]; then
  echo "healthcheck: GET $path answered ${status:-nothing in 5 s}" >&2
  exit 1
fi
