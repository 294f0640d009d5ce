#!/usr/bin/env bash
# Long fuzzing by hand with libFuzzer: configures build/fuzz with clang++ (ASan + UBSan, and coverage
# instrumentation for the libraries too), builds one target and runs it; what it finds beyond the seeds
# goes to build/fuzz/found/<target>/, crashes to build/fuzz/crashes/. Add a crash to
# tests/fuzz/corpus/<target>/ once it is fixed, so that CTest replays it for ever (tests/fuzz/known/ keeps
# the ones not fixed yet).
# Usage: bash tests/fuzz/run.sh [fuzz_csvreader|fuzz_apollojson|fuzz_clayjson|fuzz_dataforseojson] [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:-fuzz_csvreader}
seconds=${2:-600}
command -v clang++ >/dev/null ||
  { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq clang; }
# -fno-sanitize=function: clang 14 cannot emit its prologue data for coroutines (llvm-project#49689).
flags="-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize=function -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DAGENCY_FUZZ=ON -DAGENCY_WERROR=OFF -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build build/fuzz --target "$target"
mkdir -p "build/fuzz/found/$target" build/fuzz/crashes
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" QT_QPA_PLATFORM=offscreen
"build/fuzz/tests/fuzz/$target" -max_total_time="$seconds" -max_len=65536 -artifact_prefix=build/fuzz/crashes/ \
  -dict="tests/fuzz/dicts/$target.dict" "build/fuzz/found/$target" "tests/fuzz/corpus/$target"
