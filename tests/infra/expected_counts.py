#!/usr/bin/python3
"""Independent check of the numbers asserted by tests/infra/infra_region_test.cpp.

Run with the GDAL Python bindings of the system (Debian: python3-gdal):
    /usr/bin/python3 tests/infra/expected_counts.py
It re-reads every source file with the csv/json modules or OGR and applies each layer's
rule its own way: "within N m of the region outline" is a distance test
(Geometry.Distance <= N) instead of the importer's prepared buffer, départements are
zero-padded by hand, and the region's communes come straight from the Etalab JSON.
"""
import collections
import csv
import json
import os
import sys

from osgeo import ogr, osr

ogr.UseExceptions()
osr.UseExceptions()

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "region-32", "real")


def path(relative):
    return os.path.join(ROOT, relative)


def srs(code):
    s = osr.SpatialReference()
    s.ImportFromEPSG(code)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


L93 = srs(2154)
TO_L93 = osr.CoordinateTransformation(srs(4326), L93)

region_ds = ogr.Open(path("admin/region-hauts-de-france.geojson"))
outline = None
for f in region_ds.GetLayer():
    g = f.GetGeometryRef().Clone()
    g.Transform(TO_L93)
    outline = g if outline is None else outline.Union(g)


def near(x, y, tolerance):
    p = ogr.Geometry(ogr.wkbPoint)
    p.AddPoint_2D(x, y)
    return outline.Contains(p) or (tolerance > 0 and outline.Distance(p) <= tolerance)


def lonlat_near(lon, lat, tolerance):
    x, y, _ = TO_L93.TransformPoint(lon, lat)
    return near(x, y, tolerance)


communes = json.load(open(path("admin/decoupage-administratif-6.0.0-communes.json"), encoding="utf-8"))
current = {}
for c in communes:
    if c.get("region") == "32" and c.get("type") == "commune-actuelle":
        current[c["code"]] = c["code"]
for c in communes:
    if c.get("region") == "32" and c.get("type") == "commune-actuelle":
        for old in c.get("anciensCodes") or []:
            current.setdefault(old, c["code"])
departements = {code[:2] for code in current.values()}
print("region communes", len(set(current.values())), "départements", sorted(departements))

# substations: every row within 2 km; connectable as documented.
rows = list(csv.DictReader(open(path("energy/postes-electriques-rte.csv"), encoding="latin-1", newline=""), delimiter=";"))
kept = [r for r in rows if lonlat_near(float(r["Longitude poste (DD)"]), float(r["Latitude poste (DD)"]), 2000)]
def kv(label):
    if label.endswith("kV") and label[:-2].isdigit():
        return int(label[:-2])
    return 0
connectable = [r for r in kept if r["FONCTION"] == "Poste de transformation" and r["Etat"] == "EN EXPLOITATION" and kv(r["Tension (kV)"]) > 0]
print("substations", len(kept), "connectable", len(connectable),
      "tap points", sum(r["FONCTION"] == "Point de piquage" for r in kept),
      "kv 0", sum(kv(r["Tension (kV)"]) == 0 for r in kept), "of", len(rows))

# motorways: depPrD or depPrF (zero-padded) in the region's départements.
rows = list(csv.DictReader(open(path("transport/tmja-2019.csv"), encoding="utf-8", newline=""), delimiter=";"))
seg = [r for r in rows if r["depPrD"].zfill(2) in departements or r["depPrF"].zfill(2) in departements]
access = set()
for r in seg:
    if r["route"].startswith("A"):
        for end in "DF":
            if r["depPr" + end].zfill(2) in departements:
                access.add((r["route"], float(r["x" + end].replace(",", ".")), float(r["y" + end].replace(",", "."))))
print("motorway_segments", len(seg), "without tmja", sum(not r["TMJA"] for r in seg),
      "without ratio", sum(not r["ratio_PL"] for r in seg), "motorway_access", len(access))

# rail: every point within 2 km, whatever its flags.
ds = ogr.Open(path("transport/sncf-liste-des-gares.geojson"))
rail = [(f["libelle"], f["fret"], f["departemen"]) for f in ds.GetLayer()
        if lonlat_near(f.GetGeometryRef().GetX(), f.GetGeometryRef().GetY(), 2000)]
print("rail_points", len(rail), "fret", sum(r[1] == "O" for r in rail),
      "outside the 5 départements (by name)", sorted(r for r in rail if r[2] not in
                                                     {"NORD", "PAS-DE-CALAIS", "SOMME", "OISE", "AISNE"}))
rail0 = [f["fret"] for f in ds.GetLayer() if lonlat_near(f.GetGeometryRef().GetX(), f.GetGeometryRef().GetY(), 0)]
print("rail_points inside the outline itself", len(rail0), "fret", rail0.count("O"))

# ports: within 10 km (coordinates read as lon/lat).
ds = ogr.Open(path("transport/ne_10m_ports.geojson"))
print("ports", sorted(f["name"] for f in ds.GetLayer()
                      if lonlat_near(f.GetGeometryRef().GetPoint(0)[0], f.GetGeometryRef().GetPoint(0)[1], 10000)))

# brownfields: zero-padded comm_insee among the region's (current or old) codes.
rows = list(csv.DictReader(open(path("brownfields/cartofriches_friches_standard_test.csv"), encoding="utf-8", newline=""), delimiter=";"))
by_code = [r for r in rows if r["comm_insee"].zfill(5) in current]
print("brownfields by code", len(by_code), collections.Counter(r["comm_insee"].zfill(5)[:2] for r in by_code),
      "padded", sum(len(r["comm_insee"]) == 4 for r in by_code),
      "naive prefix count", sum(r["comm_insee"][:2] in departements for r in rows))
def wkt_point(text):
    g = ogr.CreateGeometryFromWkt(text)
    return g.GetX(), g.GetY()
print("brownfields by point within 2 km", sum(lonlat_near(*wkt_point(r["geompoint"]), 2000) for r in rows))


def polygons_near(file, tolerance):
    ds = ogr.Open(file)
    layer = ds.GetLayer()
    transform = None
    if layer.GetSpatialRef() is not None and not layer.GetSpatialRef().IsSame(L93):
        source = layer.GetSpatialRef().Clone()
        source.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        transform = osr.CoordinateTransformation(source, L93)
    out = []
    for f in layer:
        g = f.GetGeometryRef().Clone()
        if transform is not None:
            g.Transform(transform)
        p = g.PointOnSurface()
        if near(p.GetX(), p.GetY(), tolerance):
            out.append(f.items())
    return out


dense = polygons_near(path("transport/aires_logistiques/Aires_logistiques_denses.shp"), 2000)
extended = polygons_near(path("transport/aires_logistiques/Aires_logistiques_elargies.shp"), 2000)
print("logistics dense", len(dense), "extended", len(extended))

parks15 = polygons_near(path("business_parks/za_simi2015.geojson"), 2000)
parks14 = polygons_near(path("business_parks/za_simi2014.geojson"), 2000)
ids15 = {p["idsite"] for p in parks15}
print("business parks 2015", len(parks15), "2014", len(parks14),
      "2014 ids also in 2015", sum(p["idsite"] in ids15 for p in parks14),
      "total", len(parks15) + sum(p["idsite"] not in ids15 for p in parks14))

f59 = polygons_near("/vsizip/" + path("landcover/rpga_extract_d59.zip") + "/rpga_extract_d59.gpkg", 2000)
f62 = polygons_near("/vsizip/" + path("landcover/rpga_cqp02.zip") + "/rpga_cqp02.gpkg", 2000)
ids59 = {p["ID_PARCEL"] for p in f59}
print("farmland 59", len(f59), "62", len(f62), "ids of 62 already in 59", sum(p["id_parcel"] in ids59 for p in f62),
      "total", len(f59) + sum(p["id_parcel"] not in ids59 for p in f62))
sys.stdout.flush()
os._exit(0)  # skip the bindings' teardown, which can crash on dataset order
