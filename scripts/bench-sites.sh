#!/usr/bin/env bash
# Benchmark: `zanplan sites` (site assembly) and `zanplan score` on a seeded synthetic
# workspace of the whole region, with the peer PostGIS computing the adjacency graph of the
# same eligible parcels in the same run (POSTGIS=1). Reports the median, min and max wall
# time of RUNS runs, the peak RSS and the counts; checks that both tools find the same
# edges. Not run in CI (minutes to hours); figures go to docs/performance.md.
#
#   scripts/bench-sites.sh [RUNS] [DENSITY]        # defaults: 3 runs, density 1.0
#   POSTGIS=1 scripts/bench-sites.sh 3 1.0          # with the PostGIS peer
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
density=${2:-1.0}
seed=20261126
out=out/bench-sites/d$density
mkdir -p "$out"

scripts/install-deps.sh
[ "${POSTGIS:-0}" = 1 ] && ZANPLAN_WITH_BENCH=1 scripts/install-deps.sh
command -v /usr/bin/time >/dev/null || ZANPLAN_WITH_BENCH=1 scripts/install-deps.sh
scripts/build.sh build-release -DCMAKE_BUILD_TYPE=Release -DZANPLAN_BUILD_TESTS=OFF >/dev/null
zanplan=$PWD/build-release/src/zanplan

echo "== Machine"
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores), memory: $(free -g | awk '/Mem:/{print $2}') GiB"
echo "zanplan $($zanplan --version)"

# A private copy of the region's inputs, so that the demo's own files are left alone.
inputs=$out/inputs
workspace=$out/region.gpkg
if [ ! -f "$workspace" ]; then
  rm -rf "$inputs"; mkdir -p "$inputs"
  cp -r data/region-32/. "$inputs/"
  rm -rf "$inputs/synthetic"
  echo "== Generating (density $density, seed $seed) and importing"
  /usr/bin/time -f "generate: %e s, peak %M KiB" "$zanplan" generate --sources "$inputs/sources.toml" --seed "$seed" --density "$density" -q
  /usr/bin/time -f "import: %e s, peak %M KiB" "$zanplan" import --sources "$inputs/sources.toml" --output "$workspace" -q
fi

# RUN NAME COMMAND…: RUNS timed runs; prints median (min–max) wall time and peak RSS.
run() {
  local name=$1; shift
  : > "$out/$name.times"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -a -o "$out/$name.times" "$@" > "$out/$name.out" 2> "$out/$name.err"
  done
  python3 - "$name" "$out/$name.times" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[2]) if line.strip()]
wall = sorted(float(r[0]) for r in rows)
rss = max(int(r[1]) for r in rows) / 1024
print(f"{sys.argv[1]:<22} median {statistics.median(wall):7.1f} s  (min {wall[0]:.1f}, max {wall[-1]:.1f}, {len(wall)} runs)  peak RSS {rss:7.0f} MiB")
PY
}

echo "== zanplan ($runs runs each)"
run "sites gigafactory" "$zanplan" sites "$workspace" --profile gigafactory --timings
sed -n '1,12p' "$out/sites gigafactory.out"
cat "$out/sites gigafactory.err"
run "score (sites)" "$zanplan" score "$workspace" --profile gigafactory --out-dir "$out/score" -q --timings
cat "$out/score (sites).err"
run "sites datacenter" "$zanplan" sites "$workspace" --profile datacenter
grep -E "^Sites" "$out/sites datacenter.out"

if [ "${POSTGIS:-0}" = 1 ]; then
  echo "== PostGIS peer: the adjacency graph of the same eligible parcels (1 mm tolerance, ≥ 5 m shared)"
  profile=$out/gigafactory-1mm.toml
  sed 's/^snap_tolerance_m = .*/snap_tolerance_m = 0.001/' data/profiles/gigafactory.toml > "$profile"
  /usr/bin/time -f "zanplan sites --graph (1 mm): %e s, peak %M KiB" \
    "$zanplan" sites "$workspace" --profile "$profile" --graph "$out/graph" -q
  scripts/bench/postgis.sh start
  trap 'scripts/bench/postgis.sh stop' EXIT
  /usr/bin/time -f "PostGIS load (ogr2ogr, GiST): %e s" scripts/bench/postgis.sh load "$workspace"
  /usr/bin/time -f "PostGIS adjacency query: %e s" scripts/bench/postgis.sh adjacency "$out/graph/nodes.csv" "$out/postgis-edges.csv"
  python3 scripts/bench/compare_edges.py "$out/graph/edges.csv" "$out/postgis-edges.csv"
fi
