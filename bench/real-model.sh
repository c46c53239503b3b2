#!/usr/bin/env bash
# Throughput of the real model (Gemma 3 270M, Q4_K_M) in process and behind llama-cpp-python's server, measured side
# by side in one JVM on the probes of a real run (not part of `mvn verify`).
# Usage: bench/real-model.sh RUN_DIR/samples.jsonl [probes per kind (default 20)] [server 0|1 (default 1)]
# Needs: tools/fetch-test-model.sh (the model), tools/install-test-python.sh (the server).
set -euo pipefail
cd "$(dirname "$0")/.."
samples="${1:?usage: bench/real-model.sh RUN_DIR/samples.jsonl [probes per kind] [server 0|1]}"
model="$(tools/fetch-test-model.sh | tail -n 1)"
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -q -B -o -pl culturalign-cli -am test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" \
  -Dmdep.includeScope=test >/dev/null
cp="culturalign-cli/target/test-classes:culturalign-cli/target/classes"
for m in core llamacpp served run embedding server; do cp="$cp:culturalign-$m/target/classes"; done
java -cp "$cp:$(cat "$cp_file")" org.culturalign.cli.RealModelBench "$samples" "$model" "${2:-20}" "${3:-1}"
