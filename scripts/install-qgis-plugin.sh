#!/usr/bin/env bash
# Installs the zanplan Processing provider into a QGIS user profile.
# Usage: scripts/install-qgis-plugin.sh [--link] [PROFILE_DIR]
#   PROFILE_DIR  the QGIS profile folder (default: ~/.local/share/QGIS/QGIS3/profiles/default)
#   --link       link the plugin to this source tree instead of copying it (edits show at
#                QGIS's next start)
# The plugin then appears in Plugins → Manage and Install Plugins → Installed, to enable once.
set -euo pipefail
source_dir="$(cd "$(dirname "$0")/../qgis/zanplan_processing" && pwd)"

link=0
if [ "${1:-}" = "--link" ]; then link=1; shift; fi
if [ $# -gt 1 ] || [[ "${1:-}" == -* ]]; then
  echo "usage: $0 [--link] [PROFILE_DIR]" >&2
  exit 2
fi
profile="${1:-$HOME/.local/share/QGIS/QGIS3/profiles/default}"
if [ ! -d "$profile" ]; then
  echo "$0: $profile: no such QGIS profile folder (start QGIS once to create it, or give the folder)" >&2
  exit 3
fi

plugins="$profile/python/plugins"
target="$plugins/zanplan_processing"
mkdir -p "$plugins"
# Replaced as a whole: an older copy's removed files must not linger.
staging="$(mktemp -d "$plugins/.zanplan_processing.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
if [ $link = 1 ]; then
  ln -s "$source_dir" "$staging/zanplan_processing"
else
  cp -R "$source_dir" "$staging/zanplan_processing"
  find "$staging/zanplan_processing" -name __pycache__ -prune -exec rm -rf {} +
fi
rm -rf "$target"
mv "$staging/zanplan_processing" "$target"
echo "Installed $target$([ $link = 1 ] && echo " → $source_dir")"
