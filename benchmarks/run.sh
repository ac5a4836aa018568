#!/usr/bin/env bash
# Builds the benchmarks and runs Onyx and ONNX Runtime side by side (JMH), then prints a Markdown table:
# case, threads, Onyx ms, ONNX Runtime ms, ratio; plus the FMA peak and GEMM's fraction of it.
# Usage: benchmarks/run.sh [JMH args...]   (default: all model, op and FMA-peak benchmarks)
#        benchmarks/run.sh alternate [rounds] [model,...] [threads,...]   (both engines in one JVM, taking turns)
# Example: benchmarks/run.sh ModelBenchmark -p model=resnet18_bn -wi 3 -i 5
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ { v=$2; sub(/^1\./, "", v); sub(/[^0-9].*/, "", v); print v; exit }'; }
JAVA=""
for j in "${JAVA_HOME:-/nonexistent}/bin/java" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
  [ -n "$j" ] && [ -x "$j" ] || continue
  m="$(java_major "$j")"
  if [ -n "$m" ] && [ "$m" -ge 21 ]; then JAVA="$j"; break; fi
done
[ -n "$JAVA" ] || { echo "benchmarks: needs a JDK 21 or newer; none found (set JAVA_HOME)" >&2; exit 1; }
(cd "$ROOT" && JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$JAVA")")")" ./mvnw -q -B -pl benchmarks -am package -DskipTests) >&2
cd "$ROOT"
if [ "${1:-}" = "alternate" ]; then
  shift
  exec "$JAVA" --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.onyx.bench.Alternating "$@"
fi
if [ $# -eq 0 ]; then set -- "ModelBenchmark|OpBenchmark|FmaPeakBenchmark"; fi
exec "$JAVA" --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar "$@"
