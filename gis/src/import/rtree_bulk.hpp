// Bulk loading of a GeoPackage R-tree (SQLite's rtree module) from envelopes known while
// writing a layer, instead of SQLite inserting them one at a time. Internal to gis.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct sqlite3;

namespace zanplan::importer {

// One entry of the R-tree: the feature id and its envelope as stored, in single precision
// rounded outwards exactly as SQLite's rtree module rounds the doubles it is given.
struct RTreeBox {
  std::int64_t id = 0;
  float min_x = 0, max_x = 0, min_y = 0, max_y = 0;
};

RTreeBox rtree_box(std::int64_t id, double min_x, double max_x, double min_y, double max_y);

// Replaces the content of the existing, empty 2-D R-tree `rtree` (its _node, _rowid and
// _parent tables) with a tree packed from `boxes` (sort-tile-recursive: full nodes of
// spatially close entries). `boxes` is reordered. Runs inside the caller's transaction;
// SQLite errors throw output errors naming `layer`.
void bulk_load_rtree(sqlite3& db, const std::string& rtree, std::vector<RTreeBox>& boxes, const std::string& layer);

}  // namespace zanplan::importer
