#!/usr/bin/env bash
# Benchmark of the in-process llama.cpp backend on a generated tiny model (not part of `mvn verify`).
# Usage: bench/llamacpp.sh [threads] [probes]
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -q -B -pl culturalign-llamacpp -am test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" \
  -Dmdep.includeScope=runtime -DexcludeGroupIds=org.culturalign
java -cp "culturalign-llamacpp/target/classes:culturalign-core/target/classes:$(cat "$cp_file")" \
  org.culturalign.llamacpp.LlamaCppBenchmark "$@"
