#!/usr/bin/env bash
# The main job on the bundled Hauts-de-France demo: installs what is missing, builds,
# generates the synthetic inputs (seeded, once), imports the workspace (when its inputs
# changed) and runs the main job on it: ranking sites for a gigafactory. Outputs go to out/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build.sh build-release -DCMAKE_BUILD_TYPE=Release -DZANPLAN_BUILD_TESTS=OFF

zanplan=build-release/src/zanplan
sources=data/region-32/sources.toml
workspace=workspace/hauts-de-france.gpkg
seed=20261126
density=1   # the real parcel density: about 5.4 million parcels for the region

# Regenerate only when the recorded seed, density or commune list differ.
record=data/region-32/synthetic/generator.toml
if [ ! -f "$record" ] || ! grep -q "^seed = $seed\$" "$record" || ! grep -q "^density = $density\$" "$record" ||
   ! grep -q '^communes = \[\]$' "$record"; then
  echo "== Generating synthetic inputs (seed $seed, density $density: minutes, see docs/performance.md)"
  "$zanplan" generate --sources "$sources" --seed "$seed" --density "$density"
fi

# Re-import only when an input or the program is newer than the workspace.
imported=0
if [ ! -f "$workspace" ] || [ -n "$(find data "$zanplan" -newer "$workspace" -type f -print -quit)" ]; then
  echo "== Importing $sources into $workspace (minutes at the real density)"
  mkdir -p workspace
  "$zanplan" import --sources "$sources" --output "$workspace"
  imported=1
fi

# Sites are assembled from the parcels once per import; re-scoring never re-assembles.
if [ "$imported" = 1 ] || ! "$zanplan" info "$workspace" | grep "^sites_gigafactory " >/dev/null; then
  echo "== Assembling gigafactory sites from the parcels (docs/sites.md)"
  "$zanplan" sites "$workspace" --profile gigafactory
fi

echo "== Workspace"
"$zanplan" info "$workspace" | sed -n '1,/^Sources/p' | sed '$d'

echo "== Best sites for a battery gigafactory (profile data/profiles/gigafactory.toml)"
"$zanplan" score "$workspace" --profile gigafactory --out-dir out
echo
echo "Outputs: out/sites-gigafactory.geojson (RFC 7946), out/sites-gigafactory.gpkg (opens in QGIS graduated by score,"
echo "         excluded sites in grey), out/sites-gigafactory.csv (+ .csvt for QGIS)."
echo "         Explain a site: $zanplan explain $workspace SITE_ID --profile gigafactory"

echo
echo "== The top site's dossier (docs/dossier.md)"
# The CSV's first row is rank 1; its second column is the site id, quoted.
top_site=$(sed -n 2p out/sites-gigafactory.csv | cut -d, -f2 | tr -d '"')
"$zanplan" dossier "$workspace" "$top_site" --profile gigafactory -o "out/dossier-$top_site.pdf"

echo
echo "== The map (communes by ZAN envelope left, top sites, infrastructure)"
"$zanplan" render "$workspace" --profile gigafactory -q -o out/map-gigafactory.png
echo "Map image: out/map-gigafactory.png. The interactive map: build-release/app/zanplan-map"
echo "(it opens this workspace; it needs a display: on a machine without one, ZANPLAN_WITH_GUI=1 scripts/install-deps.sh"
echo " installs xvfb, then: xvfb-run build-release/app/zanplan-map)"
