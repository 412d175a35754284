#!/usr/bin/env python3
"""Compares zanplan's site distances (CSV export, km) with PostGIS's (m), candidate by candidate.

Usage: compare_distances.py ZANPLAN.csv POSTGIS.csv
Exits 1 when a candidate is missing on one side or a distance differs by more than 1 cm.
"""
import csv
import math
import sys

TOLERANCE_M = 0.01
PAIRS = [("substation_km", "substation_m"), ("motorway_km", "motorway_m"),
         ("rail_km", "rail_m"), ("port_km", "port_m")]


def number(text):
    return math.inf if text in ("", None) else float(text)


def main(zanplan_csv, postgis_csv):
    ours = {row["id"]: row for row in csv.DictReader(open(zanplan_csv, encoding="utf-8"))}
    theirs = {row["id"]: row for row in csv.DictReader(open(postgis_csv, encoding="utf-8"))}
    missing = sorted(set(theirs) - set(ours))
    extra = sorted(set(ours) - set(theirs))
    worst = {name: 0.0 for name, _ in PAIRS}
    bad = 0
    for key in sorted(set(ours) & set(theirs)):
        for km_name, m_name in PAIRS:
            a = number(ours[key][km_name]) * 1000.0
            b = number(theirs[key][m_name])
            if math.isinf(a) and math.isinf(b):
                continue
            diff = abs(a - b)
            worst[km_name] = max(worst[km_name], diff)
            if diff > TOLERANCE_M:
                bad += 1
                if bad <= 10:
                    print(f"  {key} {km_name}: zanplan {a:.3f} m, PostGIS {b:.3f} m")
    print(f"candidates compared: {len(set(ours) & set(theirs))}, only in PostGIS: {len(missing)}, only in zanplan: {len(extra)}")
    for name, value in worst.items():
        print(f"  largest difference {name}: {value * 1000:.3f} mm")
    return 1 if bad or missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
