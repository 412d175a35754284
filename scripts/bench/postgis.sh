#!/usr/bin/env bash
# A throw-away PostgreSQL + PostGIS cluster for the benchmark's peer measurement.
#   postgis.sh start | stop | load WORKSPACE.gpkg | query OUT.csv [MIN_HA MAX_HA MIN_KV]
#             | adjacency NODES.csv OUT.csv
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
dir=/tmp/zanplan-bench-pg
port=54329
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
conn="host=/tmp port=$port user=postgres dbname=zanplan"

case "$1" in
  start)
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_postgres "$bin/initdb" -D "$dir" -A trust -U postgres >/dev/null
    as_postgres "$bin/pg_ctl" -D "$dir" -o "-p $port -k /tmp -c shared_buffers=1GB -c work_mem=256MB" -l "$dir/log" -w start >/dev/null
    psql -h /tmp -p $port -U postgres -qc "CREATE DATABASE zanplan"
    psql "$conn" -qc "CREATE EXTENSION postgis"
    ;;
  stop)
    as_postgres "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null || true
    rm -rf "$dir"
    ;;
  load)
    ogr2ogr -f PostgreSQL "PG:$conn" "$2" parcels substations motorway_access rail_points ports \
      -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST -overwrite
    psql "$conn" -qc "VACUUM ANALYZE"
    ;;
  query)
    min_ha=${3:-20}; max_ha=${4:-150}; min_kv=${5:-225}
    # The same candidates and the same measures as zanplan: exact distance from the parcel
    # polygon to the nearest point of each layer, found with the GiST index (<->).
    psql "$conn" -q <<SQL
\copy (SELECT c.id, (SELECT ST_Distance(c.geom, s.geom) FROM substations s WHERE s.connectable = 1 AND s.tension_kv >= $min_kv ORDER BY c.geom <-> s.geom LIMIT 1) AS substation_m, (SELECT ST_Distance(c.geom, m.geom) FROM motorway_access m ORDER BY c.geom <-> m.geom LIMIT 1) AS motorway_m, (SELECT ST_Distance(c.geom, r.geom) FROM rail_points r WHERE r.fret = 1 ORDER BY c.geom <-> r.geom LIMIT 1) AS rail_m, (SELECT ST_Distance(c.geom, p.geom) FROM ports p ORDER BY c.geom <-> p.geom LIMIT 1) AS port_m FROM parcels c WHERE c.area_m2 BETWEEN $min_ha * 10000 AND $max_ha * 10000 ORDER BY c.id) TO '$2' WITH CSV HEADER
SQL
    ;;
  adjacency)
    # NODES.csv (parcel_id, use): the eligible parcels; the same measure as zanplan's with a
    # 1 mm tolerance: one boundary inside a 1 mm buffer of the other, at least 5 m.
    psql "$conn" -q <<SQL
DROP TABLE IF EXISTS nodes, eligible;
CREATE TABLE nodes (parcel_id text PRIMARY KEY, use text);
\copy nodes FROM '$2' WITH CSV HEADER
CREATE TABLE eligible AS SELECT p.id, p.geom FROM parcels p JOIN nodes n ON n.parcel_id = p.id;
CREATE INDEX ON eligible USING gist (geom);
ANALYZE eligible;
\copy (SELECT a.id, b.id, ST_Length(ST_Intersection(ST_Boundary(a.geom), ST_Buffer(ST_Boundary(b.geom), 0.001))) AS shared_m FROM eligible a JOIN eligible b ON a.id < b.id AND a.geom && ST_Expand(b.geom, 0.001) WHERE ST_Length(ST_Intersection(ST_Boundary(a.geom), ST_Buffer(ST_Boundary(b.geom), 0.001))) >= 5) TO '$3' WITH CSV HEADER
SQL
    ;;
  *) echo "usage: $0 start|stop|load WORKSPACE|query OUT.csv|adjacency NODES.csv OUT.csv" >&2; exit 2 ;;
esac
