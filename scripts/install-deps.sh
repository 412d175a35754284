#!/usr/bin/env bash
# Installs the Debian 12 packages zanplan needs to build, test and run. Quick when they
# are already there: only missing packages are installed.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  libgdal-dev gdal-bin libgeos-dev libproj-dev proj-bin
  libcli11-dev libtomlplusplus-dev nlohmann-json3-dev libfmt-dev libsqlite3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # The map: Qt 6 Widgets/Network/Concurrent/Test, its translation tools and French
  # strings, and the fonts the golden images are drawn with.
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n fonts-dejavu-core
  # Reading the site dossier PDF back in its tests: pdfinfo, pdftotext, pdftoppm.
  poppler-utils
  # Fuzzing (docs/fuzzing.md): clang 14 and its libFuzzer and sanitizer runtimes.
  clang-14 libclang-rt-14-dev
)
if [ "${ZANPLAN_WITH_BENCH:-0}" = 1 ]; then
  packages+=(hyperfine time postgresql-15-postgis-3 postgis python3)
fi
if [ "${ZANPLAN_WITH_QGIS:-0}" = 1 ]; then
  # The QGIS plugin's test (docs/qgis.md): PyQGIS with the processing framework, headless.
  # About 100 packages, 430 MiB installed.
  packages+=(python3-qgis)
fi
if [ "${ZANPLAN_WITH_GUI:-0}" = 1 ]; then
  packages+=(xvfb)  # to run zanplan-map in a virtual display
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
