#!/usr/bin/env python3
"""Turns the raw rows of scripts/bench-scale.sh (results.tsv) into the Markdown tables of
docs/performance.md: per density and job, each tool's median and min–max wall time and its
largest peak RSS, the ratio of each peer to zanplan, the agreement checks, and the map's
measures. Usage: scale_report.py BENCH_DIR
"""
import csv
import glob
import os
import statistics
import sys
from collections import OrderedDict

JOBS = OrderedDict([
    ("generate", "generate the synthetic inputs"),
    ("import", "import into a workspace"),
    ("score-parcels", "score single parcels (20–150 ha): the peers' job"),
    ("sites", "assemble sites (adjacency, eligibility, growing, union)"),
    ("score-sites", "score the assembled sites"),
    ("adjacency", "adjacency graph of the eligible parcels (1 mm, ≥ 5 m)"),
])
TOOLS = ["zanplan", "postgis", "geopandas"]
MAP_MEASURES = OrderedDict([
    ("window_to_first_frame_ms", "map: window to first frame"),
    ("pan_region_median_ms", "map: median pan redraw, region zoom"),
    ("rescore_recolour_ms", "map: re-score and recolour after a weight change"),
])


def cell(rows):
    if not rows:
        return "–", None
    seconds = sorted(float(r["seconds"]) for r in rows)
    peak = max((int(r["peak_kib"]) for r in rows if r["peak_kib"]), default=0) / 1024
    over = any(r["note"] == "over cap" for r in rows)
    if over:
        return f"over cap (> {seconds[-1]:.0f} s), {peak:,.0f} MiB", None
    median = statistics.median(seconds)
    spread = f" ({seconds[0]:.2f}–{seconds[-1]:.2f})" if len(seconds) > 1 else ""
    return f"{median:.2f} s{spread}, {peak:,.0f} MiB", median


def read_text(path):
    return open(path, encoding="utf-8").read().strip() if os.path.exists(path) else ""


def main(out):
    rows = list(csv.DictReader(open(os.path.join(out, "results.tsv"), encoding="utf-8"), delimiter="\t"))
    densities = list(OrderedDict((r["density"], None) for r in rows))
    print("Machine and run:\n")
    for line in read_text(os.path.join(out, "machine.txt")).splitlines():
        print(f"    {line}")
    print()
    print("| density | parcels | job | zanplan | PostGIS | GeoPandas | peer ÷ zanplan |")
    print("|---|---|---|---|---|---|---|")
    for d in densities:
        parcels = read_text(os.path.join(out, f"d{d}", "parcel-count.txt")).replace("parcels: ", "")
        parcels = f"{int(parcels):,}" if parcels.isdigit() else parcels
        for job, label in JOBS.items():
            cells, medians = {}, {}
            for tool in TOOLS:
                chosen = [r for r in rows if r["density"] == d and r["job"] == job and r["tool"] == tool]
                cells[tool], medians[tool] = cell(chosen)
            if all(c == "–" for c in cells.values()):
                continue
            ratios = []
            for tool in ("postgis", "geopandas"):
                if medians["zanplan"] and medians[tool]:
                    ratios.append(f"{tool}: {medians[tool] / medians['zanplan']:.1f}×")
            print(f"| {d} | {parcels} | {label} | {cells['zanplan']} | {cells['postgis']} | {cells['geopandas']} | "
                  f"{', '.join(ratios) or '–'} |")
    loads = [r for r in rows if r["job"] == "load"]
    if loads:
        print("\nPostGIS's load (ogr2ogr into PostgreSQL, GiST indexes, VACUUM ANALYZE), not counted above: " +
              ", ".join(f"density {r['density']}: {float(r['seconds']):.1f} s" for r in loads) + ".")

    print("\nAgreement (every candidate's four distances within 1 cm; the same edges):\n")
    for d in densities:
        for name, label in (("agree-postgis.txt", "PostGIS distances"), ("agree-geopandas.txt", "GeoPandas distances"),
                            ("agree-edges.txt", "PostGIS adjacency edges")):
            text = read_text(os.path.join(out, f"d{d}", name))
            if text:
                summary = " ".join(line.strip() for line in text.splitlines())
                print(f"- density {d}, {label}: {summary}")

    map_rows = []
    for d in densities:
        values = {}
        for path in sorted(glob.glob(os.path.join(out, f"d{d}", "map-zanplan-*.out"))):
            for line in open(path, encoding="utf-8"):
                parts = line.split()
                if len(parts) == 3 and parts[0] == "RESULT":
                    values.setdefault(parts[1], []).append(float(parts[2]))
        for name, label in MAP_MEASURES.items():
            if name in values:
                v = values[name]
                map_rows.append(f"| {d} | {label} | {statistics.median(v):.1f} ms | {min(v):.1f} – {max(v):.1f} |")
    if map_rows:
        print("\n| density | map measure | median | min – max |")
        print("|---|---|---|---|")
        print("\n".join(map_rows))


if __name__ == "__main__":
    main(sys.argv[1])
