# Shared by the benchmark scripts that start gateways: source it after setting `root` and `bench` (the script's name,
# used in its messages).

# need TOOL...: stops the script when a tool is missing.
need() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$bench: '$tool' is missing" >&2; exit 2; }
  done
}

# need_jar: the gateway's jar, built.
jar="$root/bootstrap/target/vidu.jar"
need_jar() {
  [ -f "$jar" ] || { echo "$bench: $jar is missing; build it with ./mvnw -B -q package -DskipTests" >&2; exit 2; }
}

# stop PID [SECONDS]: SIGTERM, then SIGKILL after SECONDS (default 20: a server busy with a huge task is slow to stop).
stop() {
  local pid="$1" half_seconds=$(( ${2:-20} * 2 ))
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 "$half_seconds"); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# free_port: a TCP port free on loopback now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
