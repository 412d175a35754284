#!/usr/bin/env bash
# Benchmark: `zanplan score` on the demo workspace against PostGIS computing the same
# nearest-infrastructure distances for the same candidates, in one run on one machine.
# Reports medians of several runs (hyperfine), zanplan's peak memory, and checks that both
# tools agree on every distance. Not run in CI (it takes minutes); see docs/performance.md.
#
#   scripts/bench-score.sh [RUNS]        # default 5 runs each
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
out=out/bench
mkdir -p "$out"

ZANPLAN_WITH_BENCH=1 scripts/install-deps.sh
scripts/build.sh build-release -DCMAKE_BUILD_TYPE=Release -DZANPLAN_BUILD_TESTS=OFF >/dev/null
zanplan=build-release/src/zanplan
profile=gigafactory
# The peer query measures single parcels: a workspace of coarse parcels (density 0.02, one
# parcel the size of a site) without assembled sites, so that zanplan scores the same
# candidates. Its own copy of the inputs, built once.
inputs=$out/inputs
workspace=$out/parcels-0.02.gpkg
if [ ! -f "$workspace" ]; then
  rm -rf "$inputs"; mkdir -p "$inputs"
  cp -r data/region-32/. "$inputs/"
  rm -rf "$inputs/synthetic"
  "$zanplan" generate --sources "$inputs/sources.toml" --seed 20261126 --density 0.02 -q
  "$zanplan" import --sources "$inputs/sources.toml" --output "$workspace" -q
fi

echo "== Machine"
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores), memory: $(free -g | awk '/Mem:/{print $2}') GiB"
echo "zanplan $($zanplan --version), $(psql --version), PostGIS $(dpkg-query -W -f='${Version}' postgresql-15-postgis-3)"

echo "== zanplan score ($runs runs)"
hyperfine --warmup 1 --runs "$runs" --export-json "$out/zanplan.json" \
  "$zanplan score $workspace --profile $profile --out-dir $out/score -q"
/usr/bin/time -v "$zanplan" score "$workspace" --profile "$profile" --out-dir "$out/score" -q 2> "$out/zanplan.time"
grep -E "Maximum resident|Elapsed" "$out/zanplan.time"
echo "stages of one run:"
"$zanplan" score "$workspace" --profile "$profile" --out-dir "$out/score" -q --timings

echo "== PostGIS peer"
scripts/bench/postgis.sh start
trap 'scripts/bench/postgis.sh stop' EXIT
scripts/bench/postgis.sh load "$workspace"
hyperfine --warmup 1 --runs "$runs" --export-json "$out/postgis.json" \
  "scripts/bench/postgis.sh query $out/postgis.csv"

echo "== Agreement"
python3 scripts/bench/compare_distances.py "$out/score/sites-$profile.csv" "$out/postgis.csv"

python3 - "$out/zanplan.json" "$out/postgis.json" <<'PY'
import json, sys
for path in sys.argv[1:]:
    r = json.load(open(path))["results"][0]
    print(f"{path}: median {r['median']:.3f} s (min {r['min']:.3f}, max {r['max']:.3f}, {len(r['times'])} runs)")
PY
