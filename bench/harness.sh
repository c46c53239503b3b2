#!/usr/bin/env bash
# Harness overhead per probe (zero-cost in-memory model) and a >= 10,000-probe run inside -Xmx512m.
# Not part of `mvn verify`. Usage: bench/harness.sh   (add -o to MVN_OPTS_EXTRA for offline builds)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
cpfile="$PWD/target/bench.classpath"
# the run module is built last in the reactor, so its (test-scope) class path is the one left in $cpfile
mvn -q -B ${MVN_OPTS_EXTRA:-} -pl culturalign-run -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test
cp="culturalign-run/target/test-classes:culturalign-run/target/classes:culturalign-core/target/classes:$(cat "$cpfile")"
exec java -Xmx512m -cp "$cp" org.culturalign.run.HarnessBenchmark
