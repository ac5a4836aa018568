#!/usr/bin/env bash
# Fails when the JIT gives up on one of Onyx's kernels ("COMPILE SKIPPED"). A Vector API kernel that no
# compiler tier accepts keeps running in a form where every vector is a heap object: results stay right and
# every test stays green, but the model runs several times slower (a masked micro-kernel once made resnet18
# at 2 threads 6x slower that way). Runs `onyx bench` on the shared models at 1 and 2 threads with
# -XX:+PrintCompilation and looks for skipped compilations of dev.onyx methods.
# Usage: tools/check-jit.sh [MODELS_DIR]   (default ../shared/models; skips with a message when it is missing)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
MODELS="${1:-$ROOT/../shared/models}"
if [ ! -d "$MODELS" ]; then
  echo "check-jit: $MODELS not found; skipped"
  exit 0
fi
status=0
for m in resnet18_bn mobilenet_v2_bn squeezenet1_1; do
  [ -f "$MODELS/$m/model.onnx" ] || continue
  for t in 1 2; do
    log="$(ONYX_JAVA_OPTS="-XX:+PrintCompilation" "$ROOT/onyx" bench "$MODELS/$m/model.onnx" --random-inputs \
      --threads "$t" --warmup 40 --iterations 5 2>&1)" || { echo "check-jit: onyx bench failed on $m"; echo "$log" | tail -20; exit 1; }
    skipped="$(echo "$log" | grep "COMPILE SKIPPED" | grep "dev\.onyx" | grep -v "concurrent class loading" || true)"
    if [ -n "$skipped" ]; then
      echo "check-jit: $m, $t thread(s): the JIT skipped Onyx methods:"
      echo "$skipped"
      status=1
    else
      echo "check-jit: $m, $t thread(s): no skipped compilation ($(echo "$log" | grep -E 'median' | head -1 | sed 's/  */ /g'))"
    fi
  done
done
exit $status
