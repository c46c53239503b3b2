#!/usr/bin/env bash
# Benchmark of `culturalign data import --wvs` (issue 3): generates a WVS-shaped CSV of 97,000 respondents x 600
# columns (seeded) in a temp folder, imports it under -Xmx1g, prints wall time, rows/s and peak heap.
# Target: <= 15 s wall and <= 1 GB heap on a 2-core machine. Not part of `mvn verify`.
# Usage: bench/wvs-import.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o -pl culturalign-core test-compile
cp_file=$(mktemp)
mvn -q -B -o -pl culturalign-core dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
dir=$(mktemp -d)
trap 'rm -rf "$dir" "$cp_file"' EXIT
java -Xmx1g -cp "culturalign-core/target/classes:culturalign-core/target/test-classes:$(cat "$cp_file")" \
  org.culturalign.bench.WvsImportBenchmark "$dir" "${1:-97000}"
