#!/usr/bin/python3
"""The GeoPandas peer of the scoring benchmark: the same candidates (parcels of MIN_HA to
MAX_HA hectares) and the same measures as `zanplan score` on single parcels, i.e. the
distance from each parcel polygon to the nearest connectable substation of at least MIN_KV,
motorway access point, freight rail point and port, written as the PostGIS peer writes them.

Usage: geopandas_distances.py WORKSPACE.gpkg OUT.csv [MIN_HA MAX_HA MIN_KV]
"""
import math
import sys

import geopandas as gpd


def nearest_m(candidates, points):
    """Exact distance in metres from each candidate to its nearest point. Debian's GeoPandas
    0.12 has no sjoin_nearest without PyGEOS, so this is the spatial-index way: points in the
    candidate's box grown until one is found (distance d0), then every point within d0 of
    the box, measured exactly."""
    index = points.sindex
    geometries = points.geometry.values
    distances = []
    for polygon in candidates.geometry.values:
        minx, miny, maxx, maxy = polygon.bounds
        grow = 1000.0
        while True:
            hits = list(index.intersection((minx - grow, miny - grow, maxx + grow, maxy + grow)))
            if hits or grow > 2e6:
                break
            grow *= 2
        if not hits:
            distances.append(math.nan)
            continue
        d0 = min(polygon.distance(geometries[i]) for i in hits)
        hits = index.intersection((minx - d0, miny - d0, maxx + d0, maxy + d0))
        distances.append(min(polygon.distance(geometries[i]) for i in hits))
    return distances


def main(workspace, out_csv, min_ha=20.0, max_ha=150.0, min_kv=225):
    parcels = gpd.read_file(workspace, layer="parcels")
    candidates = parcels[(parcels["area_m2"] >= min_ha * 10000) & (parcels["area_m2"] <= max_ha * 10000)].copy()
    del parcels
    substations = gpd.read_file(workspace, layer="substations")
    substations = substations[(substations["connectable"] == 1) & (substations["tension_kv"] >= min_kv)]
    rail = gpd.read_file(workspace, layer="rail_points")
    rail = rail[rail["fret"] == 1]
    layers = {"substation_m": substations, "motorway_m": gpd.read_file(workspace, layer="motorway_access"),
              "rail_m": rail, "port_m": gpd.read_file(workspace, layer="ports")}
    for column, points in layers.items():
        candidates[column] = nearest_m(candidates, points.reset_index(drop=True))
    candidates.sort_values("id")[["id"] + list(layers)].to_csv(out_csv, index=False)


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0], args[1], *(float(a) for a in args[2:4]), *(int(a) for a in args[4:5]))
