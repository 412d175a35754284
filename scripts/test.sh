#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors and runs every test; then builds
# with AddressSanitizer + UndefinedBehaviorSanitizer and runs the tests again.
# ZANPLAN_SKIP_SANITIZE=1 skips the second pass; ZANPLAN_SKIP_FUZZ=1 skips the fuzz smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."

# With PyQGIS, so that the QGIS plugin's test runs rather than being skipped.
ZANPLAN_WITH_QGIS=1 scripts/install-deps.sh

echo "== Build (warnings are errors) and test"
scripts/build.sh build-ci -DCMAKE_BUILD_TYPE=Debug -DZANPLAN_WERROR=ON
ctest --test-dir build-ci --output-on-failure -j 2

if [ "${ZANPLAN_SKIP_SANITIZE:-0}" != 1 ]; then
  echo "== Build with ASan+UBSan and test"
  scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DZANPLAN_WERROR=ON -DZANPLAN_SANITIZE=ON
  # GDAL and PROJ keep caches alive until exit: leak reports there are not ours.
  ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j 2
fi
if [ "${ZANPLAN_SKIP_FUZZ:-0}" != 1 ]; then
  echo "== Fuzz smoke: each target on its seeds and a few hundred mutations (docs/fuzzing.md)"
  scripts/fuzz.sh --smoke 300
fi
echo "== All tests passed"
