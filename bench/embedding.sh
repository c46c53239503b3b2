#!/usr/bin/env bash
# Benchmark of the `embedding` selector's sentence embeddings (all-MiniLM-L6-v2, in process): time to embed the
# catalog cold and cached. Not part of `mvn verify`. Usage: bench/embedding.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file="$(mktemp)"
args_file="$(mktemp)"
trap 'rm -f "$cp_file" "$args_file"' EXIT
# one reactor build so culturalign-core resolves to its target/classes (the last module, embedding, writes last)
mvn -q -B -pl culturalign-embedding -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2
# The class path goes in an argfile: onnxruntime 1.29 crashed on JVM command lines over ~4 KB (we pin 1.20.0,
# which does not, but keep the command line short anyway).
root="$(pwd)"
cp="$root/culturalign-embedding/target/test-classes:$root/culturalign-embedding/target/classes:$(cat "$cp_file")"
printf -- '-cp\n"%s"\n' "$cp" > "$args_file"
java @"$args_file" org.culturalign.embedding.EmbeddingBenchmark
