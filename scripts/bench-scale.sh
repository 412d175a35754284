#!/usr/bin/env bash
# Region-scale benchmark: seeded synthetic workspaces of the whole region at several parcel
# densities; at each, times generate, import, score (single parcels, then assembled sites),
# sites and the map window (first frame, pans, re-score after a weight change), and runs the same scoring job in PostGIS and in GeoPandas
# on the same workspace in the same run, checking that every distance agrees. At the
# densities of ADJ_DENSITIES it also times PostGIS computing the parcel adjacency graph of
# the same eligible parcels with the same tolerance and checks that the edges agree.
#
# Each measure: RUNS runs, median and min–max wall time, the largest peak RSS
# (/usr/bin/time). A peer run longer than PEER_CAP_S seconds is stopped and reported
# "over cap". Results: $BENCH_DIR/report.md (the table for docs/performance.md), the raw
# per-run rows in $BENCH_DIR/results.tsv and every command's output beside them.
# Not run in CI (about an hour at the three densities).
#
#   scripts/bench-scale.sh                              # densities 0.02 0.2 1.0, 3 runs
#   DENSITIES="0.02 0.2" RUNS=5 scripts/bench-scale.sh
#   Variables: RUNS (3), DENSITIES ("0.02 0.2 1.0"), ADJ_DENSITIES ("1.0"),
#              PEER_CAP_S (900), GEOPANDAS (1: run the GeoPandas peer), BENCH_DIR (out/bench-scale),
#              REUSE (0; 1: keep a workspace built by an earlier run, without timing generate/import)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
densities=${DENSITIES:-0.02 0.2 1.0}
adj_densities=${ADJ_DENSITIES:-1.0}
cap=${PEER_CAP_S:-900}
seed=20261126
profile=gigafactory
out=${BENCH_DIR:-out/bench-scale}
mkdir -p "$out"
out=$(cd "$out" && pwd)

ZANPLAN_WITH_BENCH=1 scripts/install-deps.sh
[ "${GEOPANDAS:-1}" = 1 ] && ! /usr/bin/python3 -c "import geopandas" 2>/dev/null && apt-get install -y -q python3-geopandas python3-rtree >/dev/null
scripts/build.sh build-release -DCMAKE_BUILD_TYPE=Release -DZANPLAN_BUILD_TESTS=OFF >/dev/null
zanplan=$PWD/build-release/src/zanplan
map_bench=""
if cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DZANPLAN_BUILD_BENCH=ON -DZANPLAN_BUILD_TESTS=OFF >/dev/null 2>&1 &&
   cmake --build build-bench -j "${ZANPLAN_JOBS:-2}" --target zanplan_app_bench >/dev/null 2>&1; then
  map_bench=$PWD/build-bench/maps/bench/zanplan_app_bench
fi

results=$out/results.tsv
printf 'density\tjob\ttool\trun\tseconds\tpeak_kib\tnote\n' > "$results"
{
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores), memory: $(free -g | awk '/Mem:/{print $2}') GiB"
  echo "$(. /etc/os-release && echo "$PRETTY_NAME"); zanplan $($zanplan --version); $(psql --version);" \
       "PostGIS $(dpkg-query -W -f='${Version}' postgresql-15-postgis-3);" \
       "GeoPandas $(/usr/bin/python3 -c 'import geopandas; print(geopandas.__version__)' 2>/dev/null || echo none)"
  echo "started $(date -u +%Y-%m-%dT%H:%MZ), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "runs $runs, densities $densities, seed $seed, peer cap $cap s"
} > "$out/machine.txt"
cat "$out/machine.txt"

# measure DENSITY JOB TOOL CAP COMMAND…: RUNS timed runs of COMMAND (output in
# $out/d$DENSITY/JOB-TOOL-RUN.out and JOB-TOOL.err); a run over CAP seconds (0: none) is stopped, recorded
# "over cap" and not repeated.
measure() {
  local density=$1 job=$2 tool=$3 limit=$4; shift 4
  over_cap=0
  local log="$out/d$density/$job-$tool"
  for i in $(seq "$runs"); do
    local status=0
    if [ "$limit" -gt 0 ]; then
      /usr/bin/time -f "%e %M" -o "$log.time" timeout "$limit" "$@" > "$log-$i.out" 2> "$log.err" || status=$?
    else
      /usr/bin/time -f "%e %M" -o "$log.time" "$@" > "$log-$i.out" 2> "$log.err" || status=$?
    fi
    read -r seconds peak < <(tail -1 "$log.time")
    if [ "$status" = 124 ]; then
      printf '%s\t%s\t%s\t%s\t%s\t%s\tover cap\n' "$density" "$job" "$tool" "$i" "$seconds" "$peak" >> "$results"
      echo "  $job / $tool: over the cap of $limit s"
      over_cap=1
      return 0
    elif [ "$status" != 0 ]; then
      echo "  $job / $tool failed (exit $status): see $log.err" >&2
      tail -5 "$log.err" >&2
      exit 1
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t\n' "$density" "$job" "$tool" "$i" "$seconds" "$peak" >> "$results"
    echo "  $job / $tool run $i: $seconds s, peak $((peak / 1024)) MiB"
  done
}

trap 'scripts/bench/postgis.sh stop 2>/dev/null' EXIT
for density in $densities; do
  dir=$out/d$density
  mkdir -p "$dir"
  echo "== Density $density"
  if [ "${REUSE:-0}" = 1 ] && [ -f "$dir/parcels.gpkg" ]; then
    echo "  reusing $dir/parcels.gpkg (REUSE=1): generate and import not timed"
  else
    # A private copy of the region's inputs; the synthetic ones are generated into it.
    rm -rf "$dir/inputs"; mkdir -p "$dir/inputs"
    cp -r data/region-32/. "$dir/inputs/"
    rm -rf "$dir/inputs/synthetic"
    measure "$density" generate zanplan 0 "$zanplan" generate -q --sources "$dir/inputs/sources.toml" --seed "$seed" --density "$density"
    measure "$density" import zanplan 0 "$zanplan" import -q --sources "$dir/inputs/sources.toml" -o "$dir/parcels.gpkg"
  fi
  ogrinfo -ro -so "$dir/parcels.gpkg" parcels | sed -n 's/^Feature Count: /parcels: /p' | tee "$dir/parcel-count.txt"

  # Scoring single parcels: the peers' job (candidate parcels of 20–150 ha, distances).
  measure "$density" score-parcels zanplan 0 "$zanplan" score "$dir/parcels.gpkg" --profile "$profile" -q -o "$dir/score-parcels"
  scripts/bench/postgis.sh start
  /usr/bin/time -f "%e %M" -o "$dir/postgis-load.time" scripts/bench/postgis.sh load "$dir/parcels.gpkg" > /dev/null
  printf '%s\tload\tpostgis\t1\t%s\t\tnot in the comparison\n' "$density" "$(cut -d' ' -f1 < "$dir/postgis-load.time")" >> "$results"
  measure "$density" score-parcels postgis "$cap" scripts/bench/postgis.sh query "$dir/postgis.csv"
  echo "  agreement with PostGIS:"
  python3 scripts/bench/compare_distances.py "$dir/score-parcels/sites-$profile.csv" "$dir/postgis.csv" | sed 's/^/    /' | tee "$dir/agree-postgis.txt"
  if [ "${GEOPANDAS:-1}" = 1 ]; then
    rm -f "$dir/geopandas.csv"
    measure "$density" score-parcels geopandas "$cap" /usr/bin/python3 scripts/bench/geopandas_distances.py "$dir/parcels.gpkg" "$dir/geopandas.csv"
    if [ "$over_cap" = 0 ] && [ -s "$dir/geopandas.csv" ]; then
      echo "  agreement with GeoPandas:"
      python3 scripts/bench/compare_distances.py "$dir/score-parcels/sites-$profile.csv" "$dir/geopandas.csv" | sed 's/^/    /' | tee "$dir/agree-geopandas.txt"
    fi
  fi

  # Site assembly, then scoring the sites.
  cp "$dir/parcels.gpkg" "$dir/sites.gpkg"
  measure "$density" sites zanplan 0 "$zanplan" sites "$dir/sites.gpkg" --profile "$profile"
  grep -E "^Sites" "$dir/sites-zanplan-1.out" || true
  measure "$density" score-sites zanplan 0 "$zanplan" score "$dir/sites.gpkg" --profile "$profile" -q -o "$dir/score-sites"
  if [ -n "$map_bench" ]; then
    measure "$density" map zanplan 0 env QT_QPA_PLATFORM=offscreen "$map_bench" --workspace "$dir/sites.gpkg" --data data
  fi

  case " $adj_densities " in *" $density "*)
    echo "  adjacency graph of the eligible parcels, 1 mm tolerance, ≥ 5 m shared"
    sed 's/^snap_tolerance_m = .*/snap_tolerance_m = 0.001/' "data/profiles/$profile.toml" > "$dir/$profile-1mm.toml"
    cp "$dir/parcels.gpkg" "$dir/graph.gpkg"
    measure "$density" adjacency zanplan 0 "$zanplan" sites "$dir/graph.gpkg" --profile "$dir/$profile-1mm.toml" --graph "$dir/graph" -q
    measure "$density" adjacency postgis "$cap" scripts/bench/postgis.sh adjacency "$dir/graph/nodes.csv" "$dir/postgis-edges.csv"
    if [ "$over_cap" = 0 ] && [ -s "$dir/postgis-edges.csv" ]; then
      python3 scripts/bench/compare_edges.py "$dir/graph/edges.csv" "$dir/postgis-edges.csv" | sed 's/^/    /' | tee "$dir/agree-edges.txt"
    fi
    rm -f "$dir/graph.gpkg"
  esac
  scripts/bench/postgis.sh stop
done

python3 scripts/bench/scale_report.py "$out" > "$out/report.md"
cat "$out/report.md"
