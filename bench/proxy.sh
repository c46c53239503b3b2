#!/usr/bin/env bash
# The steering proxy under load (wrk), beside wrk straight at the same fixed fast responder; and demonstration
# selection per steered request on a ~300-item catalog. Not part of `mvn verify`.
# Needs wrk (Debian: apt-get update && apt-get install -y wrk). Usage: bench/proxy.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-30}"
command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
mkdir -p target
cpfile="$PWD/target/bench-proxy.classpath"
mvn -q -B ${MVN_OPTS_EXTRA:-} -pl culturalign-server -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test
cp="culturalign-server/target/test-classes:culturalign-server/target/classes:culturalign-served/target/classes:culturalign-core/target/classes:$(cat "$cpfile")"
rport=18181; pport=18787
java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" org.culturalign.server.BenchResponder "$rport" & rpid=$!
java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" org.culturalign.server.BenchProxy \
  "http://127.0.0.1:$rport/v1" "$pport" & ppid=$!
trap 'kill $rpid $ppid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$pport/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

lua="$PWD/target/bench-post.lua"
cat > "$lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"m","messages":[{"role":"user","content":"How important is family in your life?"}]}'
if os.getenv("CULTURE") then wrk.headers["X-Culture-Country"] = os.getenv("CULTURE") end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.0f p50=%.2f p99=%.2f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
LUA
run() { # label connections url [culture]
  CULTURE="${4:-}" wrk -t2 -c"$2" -d5s -s "$lua" "$3" >/dev/null 2>&1 || true   # warm-up
  local line; line=$(CULTURE="${4:-}" wrk -t2 -c"$2" -d"${secs}s" -s "$lua" "$3" | grep '^RESULT')
  printf '%-28s %4s conns  %s\n' "$1" "$2" "${line#RESULT }"
}
# JIT warm-up of both JVMs before any figure (the first 5-s warm-up alone left the first proxy figure cold)
for culture in "" DEU; do
  CULTURE="$culture" wrk -t2 -c64 -d15s -s "$lua" "http://127.0.0.1:$pport/v1/chat/completions" >/dev/null 2>&1 || true
done
wrk -t2 -c64 -d10s -s "$lua" "http://127.0.0.1:$rport/v1/chat/completions" >/dev/null 2>&1 || true
echo "load $(cut -d' ' -f1-3 /proc/loadavg) before; ${secs}s per figure, wrk -t2, $(nproc) cores"
for c in 64 256; do
  run "direct to responder" "$c" "http://127.0.0.1:$rport/v1/chat/completions"
  run "proxy, passthrough" "$c" "http://127.0.0.1:$pport/v1/chat/completions"
  CULTURE=DEU run "proxy, steered (DEU, k 5)" "$c" "http://127.0.0.1:$pport/v1/chat/completions" DEU
done
java -Xmx512m -cp "$cp" org.culturalign.server.SelectionBenchmark
