#!/usr/bin/env bash
# Map benchmark: builds zanplan_map_bench (Release, build-bench/), runs it RUNS times on the
# demo workspace (a real MapCanvas shown offscreen at 1600 × 1000) and reports the median of
# each measure over the runs, with the machine. Each run's own output is kept in
# out/bench-map/. Not run in CI (about a minute per run); see docs/map.md, "Performance".
#
#   scripts/bench-map.sh [RUNS]        # default 5 runs
#   ZANPLAN_BENCH_ARGS="--steps 30 --parcels 200000" scripts/bench-map.sh 3
#   APP_WORKSPACE=/path/to.gpkg scripts/bench-map.sh 3   # the zanplan-map window on that workspace
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}

# The application on any workspace (docs/performance.md, "Map at region scale"): window to
# first frame, pan redraws, re-score and recolour, peak RSS under /usr/bin/time -v.
if [ -n "${APP_WORKSPACE:-}" ]; then
  out=out/bench-map-app
  mkdir -p "$out"
  cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DZANPLAN_BUILD_BENCH=ON -DZANPLAN_BUILD_TESTS=OFF >/dev/null
  cmake --build build-bench -j "${ZANPLAN_JOBS:-2}" --target zanplan_app_bench >/dev/null
  for i in $(seq 1 "$runs"); do
    { uptime; QT_QPA_PLATFORM=offscreen /usr/bin/time -v build-bench/maps/bench/zanplan_app_bench \
        --workspace "$APP_WORKSPACE" --data data ${ZANPLAN_BENCH_ARGS:-}; uptime; } > "$out/run-$i.txt" 2>&1
  done
  python3 - "$out" "$runs" <<'PY'
import re, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
values = {}
for i in range(1, runs + 1):
    for line in open(f"{out}/run-{i}.txt"):
        if line.startswith("RESULT "):
            _, name, value = line.split()
            values.setdefault(name, []).append(float(value))
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", line)
        if m:
            values.setdefault("time_v_peak_rss_mib", []).append(int(m.group(1)) / 1024)
        m = re.search(r"load average: ([\d.]+)", line)
        if m:
            values.setdefault("load_1min", []).append(float(m.group(1)))
print("| measure | median | min – max | n |")
print("|---|---|---|---|")
for name, v in values.items():
    print(f"| {name} | {statistics.median(v):.1f} | {min(v):.1f} – {max(v):.1f} | {len(v)} |")
PY
  exit 0
fi
workspace=workspace/hauts-de-france.gpkg
out=out/bench-map
mkdir -p "$out"

if [ ! -f "$workspace" ]; then
  scripts/demo.sh >/dev/null  # generates and imports the demo workspace
fi
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DZANPLAN_BUILD_BENCH=ON -DZANPLAN_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j "${ZANPLAN_JOBS:-2}" --target zanplan_map_bench zanplan >/dev/null
bench=build-bench/maps/bench/zanplan_map_bench

echo "== Machine"
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores), memory: $(free -g | awk '/Mem:/{print $2}') GiB"
echo "$(. /etc/os-release && echo "$PRETTY_NAME"), Qt $(dpkg-query -W -f='${Version}' qt6-base-dev 2>/dev/null || echo '?'), $(c++ --version | head -1)"
echo "command: $bench --workspace $workspace ${ZANPLAN_BENCH_ARGS:-}"

echo "== $runs runs"
for i in $(seq 1 "$runs"); do
  # shellcheck disable=SC2086  # the extra arguments are words
  QT_QPA_PLATFORM=offscreen "$bench" --workspace "$workspace" ${ZANPLAN_BENCH_ARGS:-} > "$out/run-$i.txt" 2> "$out/run-$i.err"
  echo "run $i: $(grep -c '^RESULT' "$out/run-$i.txt") measures ($out/run-$i.txt)"
done
grep '^#' "$out/run-1.txt" || true

echo "== Medians of $runs runs"
python3 - "$out" "$runs" <<'PY'
import statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
values, order = {}, []
for i in range(1, runs + 1):
    for line in open(f"{out}/run-{i}.txt"):
        if line.startswith("RESULT "):
            _, name, value = line.split()
            if name not in values:
                values[name] = []
                order.append(name)
            values[name].append(float(value))
labels = {
    "load_ms": "load: window + read the workspace layers",
    "first_render_ms": "first frame after the load (region zoom)",
    "time_to_first_frame_ms": "time to first frame (load + render)",
    "pan_region_median_ms": "pan at region zoom: median redraw",
    "pan_region_p95_ms": "pan at region zoom: p95 redraw",
    "pan_city_median_ms": "pan at city zoom (4 m/px): median redraw",
    "pan_city_p95_ms": "pan at city zoom (4 m/px): p95 redraw",
    "peak_rss_demo_mib": "peak RSS, demo workspace",
    "basemap_fill_ms": "fill the tile cache from MBTiles (384 tiles)",
    "basemap_cache_mib": "tile memory cache when full (stats().memory_bytes)",
    "basemap_rss_delta_mib": "RSS growth while filling the tile cache",
    "pan_city_basemap_median_ms": "pan at city zoom with basemap: median redraw",
    "pan_city_basemap_p95_ms": "pan at city zoom with basemap: p95 redraw",
    "parcels_1m_region_median_ms": "1M synthetic parcels at region zoom: median frame",
    "peak_rss_1m_mib": "peak RSS with the 1M parcels",
}
print("| measure | median | min – max |")
print("|---|---|---|")
for name in order:
    v = values[name]
    unit = "MiB" if name.endswith("_mib") else "ms"
    print(f"| {labels.get(name, name)} | {statistics.median(v):.1f} {unit} | {min(v):.1f} – {max(v):.1f} |")
PY

# A peer in the same run: GDAL drawing the region-wide polygons (communes and the 109,245
# parcels, in the workspace's Lambert-93) into an image of the same size, against `zanplan
# render` drawing every region layer (no scoring, reprojected to Web Mercator, with styles,
# labels and legend) to a PNG. Both start cold: open the workspace, read, draw, write.
if command -v hyperfine >/dev/null && command -v gdal_rasterize >/dev/null; then
  extent=$(ogrinfo -so "$workspace" communes | sed -n 's/^Extent: (\(.*\), \(.*\)) - (\(.*\), \(.*\))$/\1 \2 \3 \4/p')
  echo "== Peer: the whole region drawn at 1600 × 1000, $runs runs each"
  hyperfine --runs "$runs" --warmup 1 --export-json "$out/peer.json" \
    -n "zanplan render (all layers, no scoring)" \
    "QT_QPA_PLATFORM=offscreen build-bench/src/zanplan render $workspace --no-score -q --width 1600 --height 1000 -o $out/render.png" \
    -n "gdal_rasterize (communes + parcels)" \
    "rm -f $out/peer.tif && gdal_rasterize -q -burn 128 -ts 1600 1000 -ot Byte -l communes -l parcels -te $extent $workspace $out/peer.tif" \
    >/dev/null
  python3 - "$out/peer.json" <<'PY'
import json, statistics, sys
print("| command | median | min – max |")
print("|---|---|---|")
for r in json.load(open(sys.argv[1]))["results"]:
    t = r["times"]
    print(f"| {r['command']} | {statistics.median(t):.3f} s | {min(t):.3f} – {max(t):.3f} s |")
PY
fi
