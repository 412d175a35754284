#!/usr/bin/env python3
"""Compares two adjacency graphs given as CSV (parcel_a, parcel_b, shared_m): the edges
both find, the edges only one finds (and how close to the 5 m threshold they are), and the
largest difference of shared length on common edges."""
import csv
import sys


def read(path):
    with open(path, newline="") as f:
        rows = csv.reader(f)
        next(rows)
        return {tuple(sorted((a, b))): float(s) for a, b, s in rows}


ours, theirs = read(sys.argv[1]), read(sys.argv[2])
common = ours.keys() & theirs.keys()
only_ours, only_theirs = ours.keys() - theirs.keys(), theirs.keys() - ours.keys()
worst = max((abs(ours[e] - theirs[e]) for e in common), default=0.0)
print(f"edges: zanplan {len(ours):,}, peer {len(theirs):,}, common {len(common):,}")
print(f"only zanplan {len(only_ours):,}, only peer {len(only_theirs):,}; largest length difference on common edges {worst:.3f} m")
near = [e for e in only_ours if abs(ours[e] - 5) < 0.05] + [e for e in only_theirs if abs(theirs[e] - 5) < 0.05]
print(f"of the differing edges, {len(near):,} share within 5 cm of the 5 m threshold")
