#!/usr/bin/env bash
# The reliability probe (docs/reliability.md): zanplan on bad inputs, damaged workspaces,
# killed writers and concurrent scenario writers, every run classified, totals printed.
# Usage: scripts/probe-reliability.sh [--quick] [--seed N] [--zanplan PATH] [--work DIR] [--only abcd]
# Exits 1 when a run crashed, hung, gave a wrong answer, corrupted a file or lost an event.
set -euo pipefail
exec python3 -u "$(dirname "$0")/probe_reliability.py" "$@"
