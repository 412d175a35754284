#include "sites/candidate_parcels.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <unordered_map>

#include "geos/context.hpp"
#include "sites/box_index.hpp"
#include "sites/shapes.hpp"
#include "workspace/sqlite_reader.hpp"
#include "zanplan/error.hpp"

namespace zanplan::sites {

namespace {

// A brownfield's published surface as a disc around its point: the footprint the site
// engine counts, whatever the parcels around it (the inventory gives a point and an area,
// not an outline).
struct Footprints {
  std::vector<geos::GeometryPtr> discs;
  std::vector<bool> placed;
  BoxIndex index;
};

Footprints read_brownfields(workspace::ReadOnlyDatabase& db) {
  Footprints out;
  if (!db.has_table("brownfields")) return out;
  const std::string column = geometry_column(db, "brownfields");
  auto q = db.query("SELECT fid, " + workspace::quote_identifier(column) + ", surface_m2 FROM brownfields", "brownfields");
  auto& context = geos::Context::current();
  std::vector<Box> boxes;
  while (q.step()) {
    double x = 0, y = 0;
    if (q.is_null(1) || !gpkg_point(q.blob(1), x, y)) {
      throw_workspace("a brownfield has no point geometry",
                      {.file = db.path().string(), .layer = "brownfields", .feature = q.integer(0)});
    }
    // No published surface: the footprint is a 10 m disc, so the parcel holding the point
    // still counts, for its own share only.
    const double surface = q.is_null(2) ? 0.0 : q.real(2);
    const double radius = std::max(10.0, std::sqrt(std::max(surface, 0.0) / std::numbers::pi));
    auto point = geos::own(context, GEOSGeom_createPointFromXY_r(context.handle(), x, y), "point");
    out.discs.push_back(geos::own(context, GEOSBuffer_r(context.handle(), point.get(), radius, 16), "disc"));
    boxes.push_back({x - radius, y - radius, x + radius, y + radius});
  }
  out.placed.assign(out.discs.size(), false);
  out.index = BoxIndex(boxes);
  return out;
}

struct Point {
  double x, y;
};

std::vector<Point> read_ports(workspace::ReadOnlyDatabase& db) {
  std::vector<Point> out;
  if (!db.has_table("ports")) return out;
  const std::string column = geometry_column(db, "ports");
  auto q = db.query("SELECT " + workspace::quote_identifier(column) + " FROM ports", "ports");
  while (q.step()) {
    Point p{};
    if (!q.is_null(0) && gpkg_point(q.blob(0), p.x, p.y)) out.push_back(p);
  }
  return out;
}

void require_columns(workspace::ReadOnlyDatabase& db, const std::vector<std::string>& columns) {
  for (const auto& c : columns) {
    if (!db.has_column("parcels", c)) throw_workspace("missing column", {.file = db.path().string(), .layer = "parcels", .key = c});
  }
}

std::int64_t announced_count(workspace::ReadOnlyDatabase& db, const std::string& table) {
  if (!db.has_table("gpkg_ogr_contents")) return 0;
  auto q = db.query("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = ?", table);
  q.bind(1, table);
  return q.step() && !q.is_null(0) ? q.integer(0) : 0;
}

}  // namespace

void CandidateParcels::add_id(std::string_view id) {
  id_chars_.insert(id_chars_.end(), id.begin(), id.end());
  id_start_.push_back(static_cast<std::uint32_t>(id_chars_.size()));
}

std::string_view use_name(ParcelUse use) {
  switch (use) {
    case ParcelUse::brownfield: return "brownfield";
    case ParcelUse::economic: return "economic";
    case ParcelUse::enaf: return "enaf";
  }
  return "enaf";
}

CandidateParcels read_candidate_parcels(const std::filesystem::path& path, const EligibilitySettings& settings,
                                        const Progress& progress) {
  workspace::ReadOnlyDatabase db(path);
  if (!db.has_table("parcels")) throw_workspace("the workspace has no such layer", {.file = path.string(), .layer = "parcels"});
  require_columns(db, {"id", "commune", "land_class", "area_m2", "enaf_m2", "synthetic"});
  const std::string geometry = geometry_column(db, "parcels");

  // Economic land: business parks and dense logistics areas (the extended areas are
  // catchments, not zones), plus port zones around port points.
  std::vector<PolygonLayer> economic;
  if (db.has_table("business_parks")) economic.emplace_back(db, "business_parks");
  if (db.has_table("logistics_areas")) economic.emplace_back(db, "logistics_areas", "kind = 'dense'");
  const std::vector<Point> ports = read_ports(db);
  Footprints brownfields = read_brownfields(db);
  std::vector<std::pair<ExclusionZone, PolygonLayer>> exclusions;
  for (const auto& zone : settings.exclusion_layers) exclusions.emplace_back(zone, PolygonLayer(db, zone.layer));

  auto in_economic_land = [&](double x, double y) {
    for (const Point& p : ports) {
      if (std::hypot(p.x - x, p.y - y) <= settings.port_zone_m) return true;
    }
    return std::any_of(economic.begin(), economic.end(), [&](const PolygonLayer& l) { return l.contains(x, y); });
  };

  CandidateParcels out;
  std::unordered_map<std::string, std::uint16_t> commune_index;
  const auto total = static_cast<double>(std::max<std::int64_t>(1, announced_count(db, "parcels")));
  auto q = db.query("SELECT fid, id, commune, land_class, area_m2, enaf_m2, synthetic, " + workspace::quote_identifier(geometry) + " FROM parcels",
                    "parcels");
  auto& context = geos::Context::current();
  const auto handle = context.handle();
  while (q.step()) {
    ++out.counts.read;
    if (out.counts.read % 65536 == 0) progress("reading parcels", static_cast<double>(out.counts.read) / total);
    const std::int64_t fid = q.integer(0);
    const std::string_view land_class = q.text(3);
    if (land_class != "enaf" && land_class != "artificialised" && land_class != "brownfield") {
      ++out.counts.unknown_land;
      continue;
    }
    if (q.is_null(7)) throw_workspace("parcel without geometry", {.file = path.string(), .layer = "parcels", .feature = fid});
    try {
      out.shapes.append_gpkg(q.blob(7));
    } catch (Error& e) {
      e.add_context({.file = path.string(), .layer = "parcels", .feature = fid});
      throw;
    }
    const std::size_t item = out.shapes.size() - 1;
    const double area = q.real(4);
    if (!std::isfinite(area) || area < 0 || !std::isfinite(q.real(5))) {
      throw_workspace("area_m2 or enaf_m2 is not a finite, non-negative number",
                      {.file = path.string(), .layer = "parcels", .feature = fid, .key = "area_m2"});
    }
    const workspace::Box box = out.shapes.box(item);
    const auto moments = out.shapes.moments(item);

    // The part of the parcel inside brownfield footprints (GEOS only near a brownfield).
    double brownfield = 0;
    geos::GeometryPtr shape;
    brownfields.index.query(box, [&](std::uint32_t b) {
      if (!shape) shape = to_geos(out.shapes, item);
      auto piece = geos::own(context, GEOSIntersection_r(handle, shape.get(), brownfields.discs[b].get()), "footprint");
      double a = 0;
      GEOSArea_r(handle, piece.get(), &a);
      if (a > 0) brownfields.placed[b] = true;
      brownfield += a;
    });
    brownfield = std::min(brownfield, area);

    std::string excluded_by;
    for (const auto& [zone, layer] : exclusions) {
      if (!shape) shape = to_geos(out.shapes, item);
      if (layer.within(*shape, box, zone.within_m)) {
        excluded_by = zone.layer;
        break;
      }
    }

    ParcelUse use = ParcelUse::enaf;
    double enaf = 0, economic_m2 = 0;
    const double rest = area - brownfield;
    if (land_class == "artificialised") {
      if (in_economic_land(moments.x, moments.y)) {
        use = brownfield >= settings.brownfield_majority * area ? ParcelUse::brownfield : ParcelUse::economic;
        economic_m2 = rest;
      } else if (brownfield >= settings.brownfield_majority * area && brownfield > 0) {
        use = ParcelUse::brownfield;
      } else {
        ++out.counts.urban;
        out.shapes.pop_back();
        continue;
      }
    } else {
      // ENAF land, or a parcel the land cover calls brownfield: beyond the brownfield's
      // published surface, nothing says the land is built, so it counts as ENAF.
      enaf = land_class == "enaf" ? std::min(q.real(5), rest) : rest;
      use = brownfield >= settings.brownfield_majority * area && brownfield > 0 ? ParcelUse::brownfield
                                                                               : ParcelUse::enaf;
    }
    if (!excluded_by.empty()) {
      ++out.counts.in_exclusion_layer[excluded_by];
      out.shapes.pop_back();
      continue;
    }

    const std::string_view commune = q.text(2);
    auto [it, inserted] = commune_index.try_emplace(std::string(commune), static_cast<std::uint16_t>(out.communes.size()));
    if (inserted) {
      if (out.communes.size() >= std::numeric_limits<std::uint16_t>::max()) {
        throw_workspace("more than 65,535 communes in one workspace", {.file = path.string(), .layer = "parcels"});
      }
      out.communes.emplace_back(commune);
    }
    out.commune.push_back(it->second);
    out.add_id(q.text(1));
    out.use.push_back(use);
    out.area_m2.push_back(area);
    out.enaf_m2.push_back(enaf);
    out.brownfield_m2.push_back(brownfield);
    out.economic_m2.push_back(economic_m2);
    out.centroid_x.push_back(moments.x);
    out.centroid_y.push_back(moments.y);
    out.perimeter_m.push_back(out.shapes.perimeter(item));
    out.synthetic = out.synthetic || q.integer(6) == 1;
    ++out.counts.eligible;
    out.counts.brownfield_ha += brownfield / 10'000.0;
    switch (use) {
      case ParcelUse::brownfield: ++out.counts.brownfield; break;
      case ParcelUse::economic: ++out.counts.economic; break;
      case ParcelUse::enaf: ++out.counts.enaf; break;
    }
  }
  out.counts.brownfields_placed = static_cast<std::size_t>(std::count(brownfields.placed.begin(), brownfields.placed.end(), true));
  out.shapes.shrink_to_fit();
  progress("reading parcels", 1.0);
  return out;
}

}  // namespace zanplan::sites
