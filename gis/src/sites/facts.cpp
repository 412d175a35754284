#include "zanplan/sites.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "geos/context.hpp"
#include "sites/layer_measures.hpp"
#include "sites/parallel.hpp"
#include "sites/point_index.hpp"
#include "sites/shapes.hpp"
#include "sites/user_sites.hpp"
#include "workspace/polygon_set.hpp"
#include "workspace/sqlite_reader.hpp"
#include "zanplan/error.hpp"

namespace zanplan {

namespace {

constexpr double metres_per_km = 1000.0;
constexpr double m2_per_ha = 10'000.0;

// One infrastructure layer's points, indexed.
struct PointLayer {
  std::vector<NearestFeature> features;  // distance unset
  std::vector<geos::GeometryPtr> points;  // created in the reading thread; GEOS reads them from any
  sites::PointIndex index;
};

// "SELECT c1, c2, … FROM layer" with every name checked and quoted by the workspace reader:
// no table or column name is spliced into SQL text any other way.
std::string select_from(workspace::ReadOnlyDatabase& db, const std::string& layer, const std::vector<std::string>& columns) {
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += db.column_identifier(layer, columns[i]);
  }
  return sql + " FROM " + db.layer_identifier(layer);
}

// `filter` is a fixed condition written here, never user text. Without `kv` every voltage is 0.
PointLayer load_points(workspace::ReadOnlyDatabase& db, const std::string& layer, const std::string& code,
                       const std::string& name, const std::string& kv, const std::string& filter, int min_kv = 0) {
  if (!db.has_table(layer)) throw_workspace("the workspace has no such layer", {.file = db.path().string(), .layer = layer});
  std::vector<std::string> columns{code, name};
  if (!kv.empty()) columns.push_back(kv);
  const int geometry_at = static_cast<int>(columns.size());
  columns.push_back(sites::geometry_column(db, layer));
  std::string sql = select_from(db, layer, columns);
  if (!filter.empty()) sql += " WHERE " + filter;
  auto q = db.query(sql, layer);
  if (filter.find('?') != std::string::npos) q.bind(1, static_cast<double>(min_kv));
  auto& context = geos::Context::current();
  PointLayer out;
  std::vector<sites::IndexedPoint> indexed;
  while (q.step()) {
    double x = 0, y = 0;
    if (q.is_null(geometry_at) || !sites::gpkg_point(q.blob(geometry_at), x, y)) continue;
    indexed.push_back({x, y, out.features.size()});
    const int voltage_kv = kv.empty() ? 0 : static_cast<int>(q.integer(2));
    out.features.push_back({std::string(q.text(0)), std::string(q.text(1)), voltage_kv,
                            std::numeric_limits<double>::infinity(), x, y});
    out.points.push_back(geos::own(context, GEOSGeom_createPointFromXY_r(context.handle(), x, y), "point"));
    // GEOS caches a geometry's envelope on first use: fill it now, before threads share it.
    double ignored = 0;
    GEOSGeom_getXMin_r(context.handle(), out.points.back().get(), &ignored);
  }
  out.index = sites::PointIndex(std::move(indexed));
  return out;
}

// Nearest point to the site's polygon. The centroid's nearest point bounds the answer; every
// point within that bound plus the site's radius is measured exactly with GEOS.
NearestFeature nearest_to_site(const PointLayer& layer, const GEOSGeometry& site, double cx, double cy, double radius) {
  NearestFeature best;
  const auto first = layer.index.nearest(cx, cy);
  if (!first) return best;
  auto& context = geos::Context::current();
  double best_m = std::numeric_limits<double>::infinity();
  std::size_t best_id = 0;
  for (std::size_t id : layer.index.within(cx, cy, first->distance + radius)) {
    double d = 0;
    GEOSDistance_r(context.handle(), &site, layer.points[id].get(), &d);
    if (d < best_m || (d == best_m && id < best_id)) {
      best_m = d;
      best_id = id;
    }
  }
  best = layer.features[best_id];
  best.distance_km = best_m / metres_per_km;
  return best;
}

struct Infrastructure {
  PointLayer substations, motorway, rail, ports;
  std::vector<std::pair<ExclusionZone, sites::PolygonLayer>> exclusions;
  std::vector<sites::MeasuredLayer> measured_layers;  // one per SiteQuery::layer_measures
};

// The WKB inside a GeoPackage geometry blob, copied (empty when unreadable).
std::string wkb_of(std::span<const unsigned char> blob) {
  const auto wkb = workspace::gpkg_wkb(blob);
  return {reinterpret_cast<const char*>(wkb.data()), wkb.size()};
}

// Distances and exclusions of one candidate whose wkb is set.
void measure(SiteFacts& s, const Infrastructure& infra) {
  auto& context = geos::Context::current();
  auto site = geos::from_wkb(context, reinterpret_cast<const unsigned char*>(s.wkb.data()), s.wkb.size());
  auto centroid = geos::own(context, GEOSGetCentroid_r(context.handle(), site.get()), "centroid");
  GEOSGeomGetX_r(context.handle(), centroid.get(), &s.centroid_x);
  GEOSGeomGetY_r(context.handle(), centroid.get(), &s.centroid_y);
  const workspace::Box box = sites::box_of(*site);
  const double cx = s.centroid_x, cy = s.centroid_y;
  const double radius = std::max({std::hypot(box.min_x - cx, box.min_y - cy), std::hypot(box.max_x - cx, box.max_y - cy),
                                  std::hypot(box.min_x - cx, box.max_y - cy), std::hypot(box.max_x - cx, box.min_y - cy)});
  s.substation = nearest_to_site(infra.substations, *site, cx, cy, radius);
  s.motorway = nearest_to_site(infra.motorway, *site, cx, cy, radius);
  s.rail = nearest_to_site(infra.rail, *site, cx, cy, radius);
  s.port = nearest_to_site(infra.ports, *site, cx, cy, radius);
  s.layer_measures.clear();
  for (const auto& layer : infra.measured_layers) s.layer_measures.push_back(layer.measure(*site, box));
  for (const auto& [zone, layer] : infra.exclusions) {
    if (layer.within(*site, box, zone.within_m)) {
      s.inside_exclusion = zone.layer;
      s.exclusion_within_m = zone.within_m;
      break;
    }
  }
}

// The workspace's single parcels as candidates.
void read_parcels(workspace::ReadOnlyDatabase& db, const SiteQuery& query, MeasuredSites& out) {
  if (!db.has_table("parcels")) throw_workspace("the workspace has no such layer", {.file = db.path().string(), .layer = "parcels"});
  std::string sql = select_from(db, "parcels", {"fid", "id", "commune", "area_m2", "land_class", "enaf_m2", "synthetic",
                                                sites::geometry_column(db, "parcels")});
  // Only the rows in the area range are read (through the importer's index on area_m2 when
  // the workspace has it); the range is widened a little here and applied exactly below.
  if (query.only_id) sql += " WHERE id = ?";
  else sql += " WHERE area_m2 BETWEEN ? AND ?";
  auto q = db.query(sql, "parcels");
  if (query.only_id) {
    q.bind(1, *query.only_id);
  } else {
    q.bind(1, query.min_area_ha * m2_per_ha * (1 - 1e-9));
    q.bind(2, query.max_area_ha * m2_per_ha * (1 + 1e-9));
    auto count = db.query("SELECT count(*) FROM " + db.layer_identifier("parcels"), "parcels");
    if (count.step()) out.candidates_total = static_cast<std::size_t>(count.integer(0));
    out.outside_area_range = out.candidates_total;
  }
  while (q.step()) {
    if (query.only_id) ++out.candidates_total;
    const double area_ha = q.real(3) / m2_per_ha;
    if (!query.only_id && (area_ha < query.min_area_ha || area_ha > query.max_area_ha)) continue;
    if (!query.only_id) --out.outside_area_range;
    SiteFacts s;
    s.id = q.text(1);
    s.commune = q.text(2);
    s.area_ha = area_ha;
    s.land_class = q.text(4);
    s.enaf_ha = q.real(5) / m2_per_ha;
    s.synthetic = q.integer(6) == 1;
    s.communes = {{s.commune, s.area_ha, s.enaf_ha}};
    if (q.is_null(7)) throw_workspace("parcel without geometry", {.file = db.path().string(), .layer = "parcels", .feature = q.integer(0)});
    s.wkb = wkb_of(q.blob(7));
    out.sites.push_back(std::move(s));
  }
}

// The profile's assembled sites as candidates, with their parts per commune.
void read_sites(workspace::ReadOnlyDatabase& db, const SiteQuery& query, MeasuredSites& out) {
  std::string sql = select_from(db, query.sites_table,
                                {"fid", "site_id", "main_commune", "area_ha", "enaf_ha", "brownfield_ha", "economic_ha", "compactness",
                                 "parcel_count", "synthetic", sites::geometry_column(db, query.sites_table)});
  std::string parts_sql = select_from(db, query.communes_table, {"site_id", "commune", "area_ha", "enaf_ha"});
  if (query.only_id) sql += " WHERE site_id = ?";
  auto q = db.query(sql, query.sites_table);
  if (query.only_id) q.bind(1, *query.only_id);
  std::unordered_map<std::string, std::size_t> index;
  while (q.step()) {
    ++out.candidates_total;
    const double area_ha = q.real(3);
    if (!query.only_id && (area_ha < query.min_area_ha || area_ha > query.max_area_ha)) {
      ++out.outside_area_range;
      continue;
    }
    SiteFacts s;
    s.id = q.text(1);
    s.commune = q.text(2);
    s.land_class = "assembled";
    s.area_ha = area_ha;
    s.enaf_ha = q.real(4);
    s.brownfield_ha = q.real(5);
    s.economic_ha = q.real(6);
    s.compactness = q.real(7);
    s.parcel_count = static_cast<std::size_t>(std::max<std::int64_t>(0, q.integer(8)));
    s.synthetic = q.integer(9) == 1;
    if (q.is_null(10)) {
      throw_workspace("site without geometry", {.file = db.path().string(), .layer = query.sites_table, .feature = q.integer(0)});
    }
    s.wkb = wkb_of(q.blob(10));
    index.emplace(s.id, out.sites.size());
    out.sites.push_back(std::move(s));
  }
  if (query.only_id) parts_sql += " WHERE site_id = ?";
  auto parts = db.query(parts_sql, query.communes_table);
  if (query.only_id) parts.bind(1, *query.only_id);
  while (parts.step()) {
    auto it = index.find(std::string(parts.text(0)));
    if (it == index.end()) continue;  // a site outside the area range
    out.sites[it->second].communes.push_back({std::string(parts.text(1)), parts.real(2), parts.real(3)});
  }
  for (auto& s : out.sites) {
    if (s.communes.empty()) {
      throw_workspace("a site has no commune rows", {.file = db.path().string(), .layer = query.communes_table, .key = s.id});
    }
    std::sort(s.communes.begin(), s.communes.end(), [](const SiteCommune& a, const SiteCommune& b) {
      return a.area_ha > b.area_ha || (a.area_ha == b.area_ha && a.commune < b.commune);
    });
  }
}

}  // namespace

MeasuredSites gather_site_facts(const std::filesystem::path& path, const SiteQuery& query) {
  workspace::ReadOnlyDatabase db(path);
  auto progress = query.progress ? query.progress : [](std::string_view, double) {};

  progress("infrastructure", 0.0);
  Infrastructure infra;
  infra.substations = load_points(db, "substations", "code", "nom", "tension_kv", "connectable = 1 AND tension_kv >= ?",
                                  query.min_voltage_kv);
  infra.motorway = load_points(db, "motorway_access", "route", "pr", "", "");
  infra.rail = load_points(db, "rail_points", "code_uic", "libelle", "", "fret = 1");
  infra.ports = load_points(db, "ports", "ne_id", "name", "", "");
  for (const auto& zone : query.exclusion_layers) infra.exclusions.emplace_back(zone, sites::PolygonLayer(db, zone.layer));
  for (const auto& m : query.layer_measures) infra.measured_layers.emplace_back(db, m);

  MeasuredSites out;
  const bool assembled = !query.sites_table.empty() && db.has_table(query.sites_table);
  out.source = query.user_sites ? query.user_sites->layer : assembled ? query.sites_table : "parcels";
  progress("reading candidates", 0.0);
  if (query.user_sites) {
    sites::read_user_sites(db, query, out);
  } else if (assembled) {
    read_sites(db, query, out);
  } else {
    read_parcels(db, query, out);
  }
  if (query.only_id && out.sites.empty()) {
    throw_usage("no candidate with this id", {.file = path.string(), .layer = out.source, .key = *query.only_id});
  }

  // Measuring is independent per site: both cores, each with its own GEOS context. Prepared
  // geometries (exclusion and measured layers) build their indexes lazily and are not safe
  // to share: one thread then.
  const bool prepared = !infra.exclusions.empty() || !infra.measured_layers.empty();
  const unsigned threads = prepared ? 1U : std::max(1U, std::min(std::thread::hardware_concurrency(), 8U));
  std::atomic<std::size_t> done{0};
  sites::parallel_for(out.sites.size(), threads, [&](std::size_t i, unsigned t) {
    if (out.sites[i].wkb.empty()) {
      throw_workspace("unreadable geometry", {.file = path.string(), .layer = out.source, .key = out.sites[i].id});
    }
    measure(out.sites[i], infra);
    const std::size_t measured = ++done;
    if (t == 0 && measured % 1024 == 0) {
      progress("measuring sites", static_cast<double>(measured) / static_cast<double>(out.sites.size()));
    }
  });
  std::sort(out.sites.begin(), out.sites.end(), [](const SiteFacts& a, const SiteFacts& b) { return a.id < b.id; });
  return out;
}

}  // namespace zanplan
