#!/usr/bin/env bash
# run.sh: the Onyx model zoo. Exports torchvision architectures (random weights) to ONNX, builds the
# benchmarks module and compares Onyx with ONNX Runtime for Java on each model (Markdown table on stdout).
# Usage: tools/model_zoo/run.sh [OUT_DIR [threads]]     (OUT_DIR defaults to target/model-zoo)
# Needs /usr/bin/python3 (or $PYTHON) with torch, torchvision, onnx and numpy, and a JDK 21 or newer.
# Extra JVM flags may be given in $ONYX_JAVA_OPTS (default -Xmx8g).
set -eu

SELF="${BASH_SOURCE[0]}"
if command -v readlink >/dev/null 2>&1 && readlink -f "$SELF" >/dev/null 2>&1; then SELF="$(readlink -f "$SELF")"; fi
ROOT="$(cd "$(dirname "$SELF")/../.." && pwd -P)"
OUT="${1:-$ROOT/target/model-zoo}"
THREADS="${2:-}"
PYTHON="${PYTHON:-/usr/bin/python3}"
MIN_JAVA=21

# Major version of a java executable (8 for 1.8.x), or nothing when it does not run.
java_major() {
  local v
  v="$("$1" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }')"
  [ -n "$v" ] || return 0
  case "$v" in
    1.*) v="${v#1.}" ;;
  esac
  v="${v%%[!0-9]*}"
  echo "$v"
}

find_java() {
  local major best="" best_major=0 j
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major="$(java_major "$JAVA_HOME/bin/java")"
    if [ -n "$major" ] && [ "$major" -ge "$MIN_JAVA" ]; then echo "$JAVA_HOME/bin/java"; return 0; fi
  fi
  if command -v java >/dev/null 2>&1; then
    major="$(java_major java)"
    if [ -n "$major" ] && [ "$major" -ge "$MIN_JAVA" ]; then command -v java; return 0; fi
  fi
  for j in /usr/lib/jvm/*/bin/java; do
    [ -x "$j" ] || continue
    major="$(java_major "$j")"
    if [ -n "$major" ] && [ "$major" -ge "$MIN_JAVA" ] && [ "$major" -gt "$best_major" ]; then
      best="$j"; best_major="$major"
    fi
  done
  if [ -n "$best" ]; then echo "$best"; return 0; fi
  return 1
}

JAVA="$(find_java)" || { echo "run.sh: needs a JDK $MIN_JAVA or newer; none found (set JAVA_HOME)" >&2; exit 1; }

echo "== export into $OUT" >&2
mkdir -p "$OUT"
"$PYTHON" "$ROOT/tools/model_zoo/export_models.py" "$OUT" >&2

echo "== build benchmarks" >&2
(cd "$ROOT" && ./mvnw -q -B -pl benchmarks -am package -DskipTests)

echo "== run ($JAVA)" >&2
# shellcheck disable=SC2086
exec "$JAVA" ${ONYX_JAVA_OPTS:--Xmx8g} -Xss8m --add-modules jdk.incubator.vector \
  -cp "$ROOT/benchmarks/target/benchmarks.jar" dev.onyx.bench.ModelZoo "$OUT" $THREADS
