#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs one (docs/fuzzing.md).
#   scripts/fuzz.sh TARGET [SECONDS]   fuzz TARGET (profile, regime, sources, cerema, workspace)
#                                      for SECONDS (default 600); findings go to
#                                      build-fuzz/findings/TARGET/
#   scripts/fuzz.sh --smoke [RUNS]     every target for RUNS executions (default 300; the
#                                      workspace target, which opens a GeoPackage each time,
#                                      a third of it), seeds first: the CI's quick check
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(profile regime sources cerema workspace)
cxx=${ZANPLAN_FUZZ_CXX:-clang++-14}

cmake -S . -B build-fuzz -G Ninja -DZANPLAN_FUZZ=ON -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# GDAL and PROJ keep caches alive until exit: leak reports there are not ours.
export ASAN_OPTIONS=detect_leaks=0

max_len() { [ "$1" = workspace ] && echo 65536 || echo 16384; }

if [ "${1:-}" = --smoke ]; then
  runs=${2:-300}
  # Only the fuzz targets and the libraries they link: the map, the app and the tests are
  # built and run by the other passes.
  cmake --build build-fuzz -j "${ZANPLAN_JOBS:-2}" --target "${targets[@]/#/fuzz_}" >/dev/null
  for t in "${targets[@]}"; do
    n=$runs
    [ "$t" = workspace ] && n=$((runs / 3))
    start=$(date +%s%N)
    # Seeds are never modified here; new inputs stay in a scratch folder.
    scratch=$(mktemp -d)
    build-fuzz/tests/fuzz/fuzz_"$t" -runs="$n" -max_len="$(max_len "$t")" -seed=1 \
      "$scratch" tests/fuzz/corpus/"$t" >/dev/null 2>build-fuzz/smoke-"$t".log ||
      { tail -40 build-fuzz/smoke-"$t".log; rm -rf "$scratch"; exit 1; }
    rm -rf "$scratch"
    elapsed_ms=$((($(date +%s%N) - start) / 1000000))
    printf '  fuzz %-10s %6s runs  %d.%03d s\n' "$t" "$n" $((elapsed_ms / 1000)) $((elapsed_ms % 1000))
  done
  exit 0
fi

target=${1:?usage: scripts/fuzz.sh TARGET [SECONDS] | --smoke [RUNS]}
seconds=${2:-600}
[[ " ${targets[*]} " == *" $target "* ]] || { echo "unknown target $target (${targets[*]})" >&2; exit 2; }
cmake --build build-fuzz -j "${ZANPLAN_JOBS:-2}" --target fuzz_"$target" >/dev/null
work=build-fuzz/corpus/$target findings=build-fuzz/findings/$target
mkdir -p "$work" "$findings"
# Runs in a growing working corpus seeded from tests/fuzz/corpus/TARGET; a crash is written
# to the findings folder: fix it, then add the input to tests/fuzz/corpus/TARGET.
build-fuzz/tests/fuzz/fuzz_"$target" -max_total_time="$seconds" -max_len="$(max_len "$target")" \
  -artifact_prefix="$findings/" -print_final_stats=1 "$work" tests/fuzz/corpus/"$target"
