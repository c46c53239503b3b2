#!/usr/bin/env bash
# Kill soak (issue 15): one eval run of the real CLI on the demo model, SIGKILLed KILLS times (default 20) at random
# moments, then resumed to the end. Checks against an uninterrupted run of the same command: results.json's cells,
# ICL gains and significance identical, samples.jsonl identical (but its "cached" flag), no probe twice, and
# `PRAGMA integrity_check` = ok on run.db and on the response cache after every kill. Prints the figures.
# Not part of `mvn verify`. Usage: bench/kill-soak.sh [KILLS] [SEED]   (needs python3 for the SQLite/JSON checks)
set -euo pipefail
cd "$(dirname "$0")/.."
kills="${1:-20}"
RANDOM="${2:-7}"
jar=culturalign-cli/target/culturalign-cli.jar
[ -f "$jar" ] || mvn -q -B -o -DskipTests package
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
grid=(--countries USA,DEU,NGA --languages en --shots 0,5 --selectors chrf,random --progress log)

integrity() {
  python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("PRAGMA integrity_check").fetchone()[0])
PY
}

echo "kill-soak: uninterrupted reference run"
start=$(date +%s)
java -jar "$jar" eval "${grid[@]}" --output-path "$dir/reference" --cache "$dir/cache-ref.db" >"$dir/ref.log" 2>&1
echo "kill-soak: reference took $(( $(date +%s) - start )) s"

run="$dir/soaked"
cache="$dir/cache.db"
killed=0
while [ "$killed" -lt "$kills" ]; do
  java -jar "$jar" eval "${grid[@]}" --output-path "$run" --cache "$cache" >>"$dir/soak.log" 2>&1 &
  pid=$!
  # a random moment: 0.3 to 3.3 s after the start (the JVM start, the model load and the scoring all get hit)
  sleep "$(( RANDOM % 3 )).$(( RANDOM % 10 ))3"
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid"
    wait "$pid" 2>/dev/null || true
    killed=$((killed + 1))
    for db in "$run/run.db" "$cache"; do
      if [ -f "$db" ]; then
        ok=$(integrity "$db")
        [ "$ok" = ok ] || { echo "kill-soak: integrity_check of $db after kill $killed: $ok" >&2; exit 1; }
      fi
    done
  else
    wait "$pid" || true
    echo "kill-soak: the run finished before kill $((killed + 1)); starting it afresh to keep killing"
    rm -rf "$run"
  fi
done
echo "kill-soak: $killed SIGKILLs, integrity_check ok after each; resuming"
java -jar "$jar" eval "${grid[@]}" --output-path "$run" --cache "$cache" >>"$dir/soak.log" 2>&1

python3 - "$dir/reference" "$run" <<'PY'
import json, sys
ref, run = sys.argv[1], sys.argv[2]
def samples(d):
    out = []
    for line in open(d + "/samples.jsonl", encoding="utf-8"):
        n = json.loads(line); n.pop("cached", None); out.append(json.dumps(n, sort_keys=True))
    return out
a, b = samples(ref), samples(run)
def key(s):
    n = json.loads(s)
    return tuple(n[f] for f in ("model", "country", "language", "shots", "selector", "format", "persona",
                                "template", "questionId"))
keys = [key(s) for s in b]
dups = len(keys) - len(set(keys))
ra, rb = json.load(open(ref + "/results.json")), json.load(open(run + "/results.json"))
same = all(ra[k] == rb[k] for k in ("cells", "iclGains", "significance"))
print(f"kill-soak: {len(b)} probes after resume ({len(a)} uninterrupted), duplicated {dups}, "
      f"samples identical: {a == b}, results identical: {same}")
sys.exit(0 if a == b and same and dups == 0 else 1)
PY
