#!/usr/bin/env bash
# Benchmark: what a profile's own layer criteria cost `zanplan score` on a region
# workspace (docs/user-layers.md). The same workspace is scored with the gigafactory profile
# as shipped and with two more criteria measured on the workspace's real layers: the share of
# each site covered by farmland (9,991 polygons) and the distance to the nearest logistics
# area. Medians of several runs (hyperfine), peak memory, and a check of the measured values
# against SpatiaLite for a sample of sites. Not run in CI; see docs/performance.md.
#
#   scripts/bench-user-criteria.sh [WORKSPACE] [RUNS]   # default: the demo's, 3 runs
set -euo pipefail
cd "$(dirname "$0")/.."
workspace=${1:-workspace/hauts-de-france.gpkg}
runs=${2:-3}
out=out/bench-user-criteria
mkdir -p "$out"
zanplan=build-release/src/zanplan
[ -x "$zanplan" ] || scripts/build.sh build-release -DCMAKE_BUILD_TYPE=Release -DZANPLAN_BUILD_TESTS=OFF >/dev/null
[ -f "$workspace" ] || { echo "no workspace $workspace: run scripts/demo.sh first" >&2; exit 2; }

base=data/profiles/gigafactory.toml
profile=$out/gigafactory-layers.toml
python3 - "$base" "$profile" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
text = re.sub(r'\[weights\][^\[]*', '[weights]\npower_distance_km = 0.30\nmotorway_distance_km = 0.10\nlogistics = 0.15\n'
              'enaf_ha = 0.15\nenvelope_share = 0.10\nfarmland_share = 0.10\nlogistics_area_km = 0.10\n\n', text)
text += '''
[criteria.farmland_share]
layer = "farmland"
measure = "share_covered"
function = "linear"
ideal = 0.0
unacceptable = 1.0

[criteria.logistics_area_km]
layer = "logistics_areas"
measure = "distance_km"
function = "linear"
ideal = 1.0
unacceptable = 15.0
'''
open(sys.argv[2], 'w').write(text)
PY

echo "== Machine"
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores), memory: $(free -g | awk '/Mem:/{print $2}') GiB"
echo "zanplan $($zanplan --version); workspace $workspace ($(du -h "$workspace" | cut -f1))"

echo "== zanplan score, shipped profile vs with two layer criteria ($runs runs each)"
hyperfine --warmup 1 --runs "$runs" --export-json "$out/hyperfine.json" \
  -n shipped "$zanplan score $workspace --profile gigafactory --out-dir $out/shipped -q" \
  -n layer-criteria "$zanplan score $workspace --profile $profile --out-dir $out/layers -q"
for name in shipped layers; do
  p=gigafactory; [ "$name" = layers ] && p=$profile
  /usr/bin/time -v "$zanplan" score "$workspace" --profile "$p" --out-dir "$out/$name" -q 2> "$out/$name.time"
  echo "$name: $(grep -E 'Maximum resident' "$out/$name.time" | sed 's/^\s*//')"
done

echo "== Agreement with SpatiaLite (a sample of ranked sites)"
python3 - "$out/layers/sites-gigafactory.csv" "$workspace" <<'PY'
import csv, random, subprocess, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["rank"]]
random.Random(7).shuffle(rows)
worst_share = worst_km = 0.0
for r in rows[:40]:
    site = f"(SELECT geom FROM sites_gigafactory WHERE site_id = '{r['id']}')"
    sql = (f"SELECT coalesce((SELECT ST_Area(ST_Intersection(ST_Union(f.geom), {site})) FROM farmland f "
           f"WHERE ST_Intersects(f.geom, {site})), 0) / ST_Area({site}) AS share, "
           f"(SELECT min(ST_Distance(l.geom, {site})) FROM logistics_areas l) / 1000 AS km")
    out = subprocess.run(["ogr2ogr", "-f", "CSV", "/vsistdout/", sys.argv[2], "-dialect", "sqlite", "-sql", sql],
                         capture_output=True, text=True, check=True).stdout
    ref = next(csv.DictReader(out.splitlines()))
    worst_share = max(worst_share, abs(float(r["raw_farmland_share"]) - float(ref["share"])))
    worst_km = max(worst_km, abs(float(r["raw_logistics_area_km"]) - float(ref["km"])))
print(f"40 sites: largest difference share {worst_share:.2e}, distance {worst_km:.2e} km")
PY

python3 - "$out/hyperfine.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command']}: median {r['median']:.2f} s (min {r['min']:.2f}, max {r['max']:.2f}, {len(r['times'])} runs)")
PY
