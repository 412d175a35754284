#!/usr/bin/env bash
# Times `zanplan generate` and `zanplan import` on the whole demo region at the real parcel
# density (Release build): RUNS runs of each (default 3), wall time and peak RSS from
# /usr/bin/time -v, then the median, min–max and the largest peak. Files go to BENCH_DIR
# (default /tmp/zanplan-bench-import); the repository's data/ is only read.
# Usage: scripts/bench-import.sh            (RUNS=3 DENSITY=1 THREADS=0 by default)
#        ONLY=import scripts/bench-import.sh  (times one command; the other is run once if needed)
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-3}
density=${DENSITY:-1}
threads=${THREADS:-0}
seed=20261126
work=${BENCH_DIR:-/tmp/zanplan-bench-import}
zanplan=build-release/src/zanplan
[ -x "$zanplan" ] || scripts/build.sh build-release -DCMAKE_BUILD_TYPE=Release -DZANPLAN_BUILD_TESTS=OFF

# The demo manifest with its real inputs at their place and the synthetic ones in $work.
mkdir -p "$work"
data=$(pwd)/data/region-32
# Every relative path but the synthetic files' is made absolute.
sed -E "/file = \"synthetic\//! s#file = \"([^/\"][^\"]*)\"#file = \"$data/\\1\"#" "$data/sources.toml" > "$work/sources.toml"

seconds() { awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$1"; }
cpu() { awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$1"; }
peak_mb() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$1"; }
summary() {  # name, files...
  local name=$1; shift
  local times peaks
  times=$(for f in "$@"; do seconds "$f"; done | sort -n)
  peaks=$(for f in "$@"; do peak_mb "$f"; done | sort -n)
  printf '%-9s runs %s  median %6.1f s  min-max %s-%s s  peak RSS max %s MB\n' "$name" "$#" \
    "$(echo "$times" | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')" \
    "$(echo "$times" | head -1)" "$(echo "$times" | tail -1)" "$(echo "$peaks" | tail -1)"
}

echo "== zanplan $("$zanplan" --version 2>/dev/null || true), density $density, threads $threads, $runs runs"
only=${ONLY:-}
gen=(); imp=()
gen_runs=$runs
[ "$only" = import ] && gen_runs=0
[ "$only" = import ] && [ ! -f "$work/synthetic/generator.toml" ] && gen_runs=1
imp_runs=$runs
[ "$only" = generate ] && imp_runs=0
for i in $(seq "$gen_runs"); do
  echo "load before generate run $i: $(uptime)"
  /usr/bin/time -v "$zanplan" generate -q --sources "$work/sources.toml" --seed "$seed" --density "$density" \
    --threads "$threads" 2> "$work/generate-$i.time"
  echo "generate run $i: $(seconds "$work/generate-$i.time") s, $(cpu "$work/generate-$i.time") s CPU, $(peak_mb "$work/generate-$i.time") MB"
  gen+=("$work/generate-$i.time")
done
for i in $(seq "$imp_runs"); do
  echo "load before import run $i: $(uptime)"
  /usr/bin/time -v "$zanplan" import -q --sources "$work/sources.toml" -o "$work/workspace.gpkg" \
    --threads "$threads" 2> "$work/import-$i.time"
  echo "import run $i: $(seconds "$work/import-$i.time") s, $(cpu "$work/import-$i.time") s CPU, $(peak_mb "$work/import-$i.time") MB"
  imp+=("$work/import-$i.time")
done

echo "== Files"
du -m "$work"/synthetic/* | sed "s#$work/##"
echo "== Parcels in the workspace"
[ -f "$work/workspace.gpkg" ] && ogrinfo -ro -so "$work/workspace.gpkg" parcels | grep -E "Feature Count"
echo "== Summary"
[ "${#gen[@]}" -gt 0 ] && summary generate "${gen[@]}"
[ "${#imp[@]}" -gt 0 ] && summary import "${imp[@]}"
true
