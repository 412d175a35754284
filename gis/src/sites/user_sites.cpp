#include "sites/user_sites.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <unordered_map>

#include "geos/context.hpp"
#include "sites/shapes.hpp"
#include "workspace/polygon_set.hpp"
#include "zanplan/error.hpp"

namespace zanplan::sites {

namespace {

constexpr double m2_per_ha = 10'000.0;
constexpr const char* kRegistry = "zanplan_user_layers";

struct Polygon {
  std::string code;
  geos::GeometryPtr geometry;
};

geos::GeometryPtr geometry_of(std::span<const unsigned char> blob) {
  const auto wkb = workspace::gpkg_wkb(blob);
  if (wkb.empty()) return {};
  return geos::from_wkb(geos::Context::current(), wkb.data(), wkb.size());
}

double area_of(const GEOSGeometry& g) {
  double area = 0;
  GEOSArea_r(geos::Context::current().handle(), &g, &area);
  return area;
}

// Area of a ∩ b, 0 when they do not overlap.
double overlap_m2(const GEOSGeometry& a, const GEOSGeometry& b) {
  auto& context = geos::Context::current();
  auto shared = geos::own(context, GEOSIntersection_r(context.handle(), &a, &b), "intersection");
  return area_of(*shared);
}

std::vector<Polygon> read_communes(workspace::ReadOnlyDatabase& db) {
  if (!db.has_table("communes")) throw_workspace("the workspace has no such layer", {.file = db.path().string(), .layer = "communes"});
  const std::string geometry = geometry_column(db, "communes");
  auto q = db.query("SELECT code, " + workspace::quote_identifier(geometry) + " FROM communes", "communes");
  std::vector<Polygon> communes;
  while (q.step()) {
    if (q.is_null(1)) continue;
    if (auto g = geometry_of(q.blob(1))) communes.push_back({std::string(q.text(0)), std::move(g)});
  }
  return communes;
}

// The part of each commune in the site, and the ENAF and brownfield land of the parcels it
// covers. Land the parcels do not cover (roads, water) takes no ENAF.
void measure_land(workspace::ReadOnlyDatabase& db, const std::vector<Polygon>& communes, const GEOSGeometry& site, SiteFacts& s) {
  auto& context = geos::Context::current();
  std::map<std::string, SiteCommune> parts;
  for (const Polygon& c : communes) {
    const double shared = overlap_m2(site, *c.geometry);
    if (shared > 0) parts[c.code] = {c.code, shared / m2_per_ha, 0};
  }
  const workspace::Box box = box_of(site);
  const std::string geometry = geometry_column(db, "parcels");
  const std::string rtree = "rtree_parcels_" + geometry;
  std::string sql = "SELECT p.commune, p.land_class, p.enaf_m2, p.synthetic, p." + workspace::quote_identifier(geometry) + " FROM parcels p";
  const bool indexed = db.has_table(rtree);
  if (indexed) sql += " JOIN " + workspace::quote_identifier(rtree) + " r ON p.fid = r.id WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?";
  auto q = db.query(sql, "parcels");
  if (indexed) {
    q.bind(1, box.max_x);
    q.bind(2, box.min_x);
    q.bind(3, box.max_y);
    q.bind(4, box.min_y);
  }
  auto prepared = geos::prepare(context, site);
  s.parcel_count = 0;
  while (q.step()) {
    if (q.is_null(4)) continue;
    auto parcel = geometry_of(q.blob(4));
    if (!parcel || GEOSPreparedIntersects_r(context.handle(), prepared.get(), parcel.get()) != 1) continue;
    const double shared = overlap_m2(site, *parcel);
    const double parcel_m2 = area_of(*parcel);
    if (shared <= 0 || parcel_m2 <= 0) continue;
    const double enaf_ha = std::max(0.0, q.real(2)) * std::min(1.0, shared / parcel_m2) / m2_per_ha;
    ++s.parcel_count;
    s.enaf_ha += enaf_ha;
    if (q.text(1) == "brownfield") s.brownfield_ha += shared / m2_per_ha;
    s.synthetic = s.synthetic || q.integer(3) == 1;
    const std::string commune(q.text(0));
    auto& part = parts[commune];
    part.commune = commune;
    part.enaf_ha += enaf_ha;
  }
  for (auto& [code, part] : parts) s.communes.push_back(part);
  std::sort(s.communes.begin(), s.communes.end(), [](const SiteCommune& a, const SiteCommune& b) {
    return a.area_ha > b.area_ha || (a.area_ha == b.area_ha && a.commune < b.commune);
  });
  if (!s.communes.empty()) s.commune = s.communes.front().commune;
}

}  // namespace

// The layer must be a polygon layer of the registry: a built-in layer's features are not
// sites, and points or lines have no area to charge.
void check_user_site_source(workspace::ReadOnlyDatabase& db, const UserSiteSource& source) {
  const std::string in_workspace = " (workspace " + db.path().string() + ", zanplan layer list)";
  std::string geometry_type;
  if (db.has_table(kRegistry)) {
    auto q = db.query("SELECT geometry_type FROM " + std::string(kRegistry) + " WHERE name = ?", kRegistry);
    q.bind(1, source.layer);
    if (q.step()) geometry_type = q.text(0);
  }
  if (geometry_type.empty()) throw_config("no user layer '" + source.layer + "'" + in_workspace, source.layer_key);
  if (geometry_type.find("Polygon") == std::string::npos) {
    throw_config("candidate sites must be polygons: user layer '" + source.layer + "' holds " + geometry_type + in_workspace,
                 source.layer_key);
  }
  if (!db.has_column(source.layer, source.id_field)) {
    throw_config("user layer '" + source.layer + "' has no field '" + source.id_field + "'" + in_workspace, source.id_field_key);
  }
}

void read_user_sites(workspace::ReadOnlyDatabase& db, const SiteQuery& query, MeasuredSites& out) {
  const UserSiteSource& source = *query.user_sites;
  check_user_site_source(db, source);
  const std::vector<Polygon> communes = read_communes(db);
  const std::string geometry = geometry_column(db, source.layer);
  auto q = db.query("SELECT fid, " + workspace::quote_identifier(source.id_field) + ", " + workspace::quote_identifier(geometry) +
                        " FROM " + workspace::quote_identifier(source.layer),
                    source.layer);
  std::unordered_map<std::string, std::int64_t> fid_of;
  auto& context = geos::Context::current();
  while (q.step()) {
    const std::int64_t fid = q.integer(0);
    const std::string id = q.is_null(1) ? std::string() : std::string(q.text(1));
    const std::string feature = " (user layer '" + source.layer + "', feature " + std::to_string(fid) + ")";
    if (id.empty()) throw_config("a candidate site without an id in field '" + source.id_field + "'" + feature, source.id_field_key);
    if (const auto [it, added] = fid_of.emplace(id, fid); !added) {
      throw_config("duplicate site id '" + id + "' in field '" + source.id_field + "' (user layer '" + source.layer + "', features " +
                       std::to_string(it->second) + " and " + std::to_string(fid) + ")",
                   source.id_field_key);
    }
    ++out.candidates_total;
    if (query.only_id && *query.only_id != id) continue;
    if (q.is_null(2)) throw_workspace("site without geometry", {.file = db.path().string(), .layer = source.layer, .feature = fid});
    auto site = geometry_of(q.blob(2));
    if (!site) throw_workspace("unreadable geometry", {.file = db.path().string(), .layer = source.layer, .feature = fid});
    SiteFacts s;
    s.id = id;
    s.land_class = "user";
    s.area_ha = area_of(*site) / m2_per_ha;
    if (!query.only_id && (s.area_ha < query.min_area_ha || s.area_ha > query.max_area_ha)) {
      ++out.outside_area_range;
      continue;
    }
    double perimeter = 0;
    GEOSLength_r(context.handle(), site.get(), &perimeter);
    s.compactness = perimeter > 0 ? 4 * std::numbers::pi * s.area_ha * m2_per_ha / (perimeter * perimeter) : 0;
    measure_land(db, communes, *site, s);
    const auto wkb = workspace::gpkg_wkb(q.blob(2));
    s.wkb.assign(reinterpret_cast<const char*>(wkb.data()), wkb.size());
    out.sites.push_back(std::move(s));
  }
}

}  // namespace zanplan::sites
