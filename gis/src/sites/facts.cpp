#include "zanplan/sites.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "geos/context.hpp"
#include "import/region.hpp"
#include "ogr/handles.hpp"
#include "sites/point_index.hpp"
#include "workspace/layers.hpp"

namespace zanplan {

namespace {

constexpr double metres_per_km = 1000.0;

// One infrastructure layer's points, indexed.
struct PointLayer {
  std::vector<NearestFeature> features;  // distance unset
  std::vector<geos::GeometryPtr> points;
  sites::PointIndex index;
};

using Keep = std::function<bool(OGRFeature&)>;

PointLayer load_points(GDALDataset& dataset, const std::filesystem::path& path, const std::string& name,
                       const char* code_field, const char* name_field, const char* kv_field, const Keep& keep) {
  OGRLayer& layer = workspace::require_layer(dataset, path, name);
  const int code = workspace::require_column(layer, path, code_field);
  const int label = workspace::require_column(layer, path, name_field);
  const int kv = kv_field != nullptr ? workspace::require_column(layer, path, kv_field) : -1;
  auto& context = geos::Context::current();
  PointLayer out;
  std::vector<sites::IndexedPoint> indexed;
  for (auto& f : layer) {
    const OGRGeometry* g = f->GetGeometryRef();
    if (g == nullptr || wkbFlatten(g->getGeometryType()) != wkbPoint || !keep(*f)) continue;
    const auto* p = g->toPoint();
    indexed.push_back({p->getX(), p->getY(), out.features.size()});
    out.features.push_back({f->GetFieldAsString(code), f->GetFieldAsString(label), kv >= 0 ? f->GetFieldAsInteger(kv) : 0,
                            std::numeric_limits<double>::infinity()});
    out.points.push_back(geos::own(context, GEOSGeom_createPointFromXY_r(context.handle(), p->getX(), p->getY()), "point"));
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

struct ExclusionLayer {
  std::string name;
  std::vector<geos::GeometryPtr> geometries;
  std::vector<geos::PreparedPtr> prepared;
  GEOSSTRtree* tree = nullptr;
  ExclusionLayer() = default;
  ExclusionLayer(const ExclusionLayer&) = delete;
  ExclusionLayer& operator=(const ExclusionLayer&) = delete;
  ExclusionLayer(ExclusionLayer&& other) noexcept
      : name(std::move(other.name)), geometries(std::move(other.geometries)), prepared(std::move(other.prepared)),
        tree(std::exchange(other.tree, nullptr)) {}
  ~ExclusionLayer() {
    if (tree != nullptr) GEOSSTRtree_destroy_r(geos::Context::current().handle(), tree);
  }
};

ExclusionLayer load_exclusion(GDALDataset& dataset, const std::filesystem::path& path, const std::string& name) {
  OGRLayer& layer = workspace::require_layer(dataset, path, name);
  auto& context = geos::Context::current();
  ExclusionLayer out;
  out.name = name;
  for (auto& f : layer) {
    if (const OGRGeometry* g = f->GetGeometryRef()) out.geometries.push_back(importer::to_geos(*g));
  }
  out.tree = GEOSSTRtree_create_r(context.handle(), 10);
  for (const auto& geometry : out.geometries) out.prepared.push_back(geos::prepare(context, *geometry));
  // Items point into `prepared`, whose buffer stays put once filled (moves keep it).
  for (std::size_t i = 0; i < out.geometries.size(); ++i) {
    GEOSSTRtree_insert_r(context.handle(), out.tree, out.geometries[i].get(), &out.prepared[i]);
  }
  return out;
}

bool intersects(const ExclusionLayer& layer, const GEOSGeometry& site) {
  struct Query {
    const GEOSGeometry* site;
    bool hit = false;
  } query{&site};
  auto& context = geos::Context::current();
  GEOSSTRtree_query_r(
      context.handle(), layer.tree, &site,
      [](void* item, void* userdata) {
        auto* q = static_cast<Query*>(userdata);
        if (!q->hit) {
          const auto* prepared = static_cast<const geos::PreparedPtr*>(item);
          q->hit = GEOSPreparedIntersects_r(geos::Context::current().handle(), prepared->get(), q->site) == 1;
        }
      },
      &query);
  return query.hit;
}

}  // namespace

std::vector<SiteFacts> gather_site_facts(const std::filesystem::path& path, const SiteQuery& query) {
  auto dataset = workspace::open_existing(path);
  auto progress = query.progress ? query.progress : [](std::string_view, double) {};

  progress("infrastructure", 0.0);
  const PointLayer substations = load_points(
      *dataset, path, "substations", "code", "nom", "tension_kv", [&](OGRFeature& f) {
        return f.GetFieldAsInteger("connectable") == 1 && f.GetFieldAsInteger("tension_kv") >= query.min_voltage_kv;
      });
  const PointLayer motorway = load_points(*dataset, path, "motorway_access", "route", "pr", nullptr,
                                          [](OGRFeature&) { return true; });
  const PointLayer rail = load_points(*dataset, path, "rail_points", "code_uic", "libelle", nullptr,
                                      [](OGRFeature& f) { return f.GetFieldAsInteger("fret") == 1; });
  const PointLayer ports = load_points(*dataset, path, "ports", "ne_id", "name", nullptr, [](OGRFeature&) { return true; });
  std::vector<ExclusionLayer> exclusions;
  for (const auto& name : query.exclusion_layers) exclusions.push_back(load_exclusion(*dataset, path, name));

  OGRLayer& parcels = workspace::require_layer(*dataset, path, "parcels");
  const int id = workspace::require_column(parcels, path, "id");
  const int commune = workspace::require_column(parcels, path, "commune");
  const int area = workspace::require_column(parcels, path, "area_m2");
  const int land_class = workspace::require_column(parcels, path, "land_class");
  const int enaf = workspace::require_column(parcels, path, "enaf_m2");
  const int synthetic = workspace::require_column(parcels, path, "synthetic");
  if (query.only_id) parcels.SetAttributeFilter(("id = '" + *query.only_id + "'").c_str());

  auto& context = geos::Context::current();
  const auto total = static_cast<double>(std::max<GIntBig>(1, parcels.GetFeatureCount(FALSE)));
  std::vector<SiteFacts> sites;
  for (auto& f : parcels) {
    SiteFacts s;
    s.id = f->GetFieldAsString(id);
    s.commune = f->GetFieldAsString(commune);
    s.land_class = f->GetFieldAsString(land_class);
    s.area_ha = f->GetFieldAsDouble(area) / 10'000.0;
    s.enaf_ha = f->GetFieldAsDouble(enaf) / 10'000.0;
    s.synthetic = f->GetFieldAsInteger(synthetic) == 1;
    const OGRGeometry* g = f->GetGeometryRef();
    if (g == nullptr) {
      throw_workspace("parcel without geometry", {.file = path.string(), .layer = "parcels", .feature = f->GetFID()});
    }
    s.wkb.resize(g->WkbSize());
    g->exportToWkb(wkbNDR, reinterpret_cast<unsigned char*>(s.wkb.data()), wkbVariantIso);
    OGRPoint centroid;
    g->Centroid(&centroid);
    s.centroid_x = centroid.getX();
    s.centroid_y = centroid.getY();

    if (in_area_range(s, query) || query.only_id) {
      OGREnvelope box;
      g->getEnvelope(&box);
      const double radius = std::max({std::hypot(box.MinX - s.centroid_x, box.MinY - s.centroid_y),
                                      std::hypot(box.MaxX - s.centroid_x, box.MaxY - s.centroid_y),
                                      std::hypot(box.MinX - s.centroid_x, box.MaxY - s.centroid_y),
                                      std::hypot(box.MaxX - s.centroid_x, box.MinY - s.centroid_y)});
      auto site = geos::from_wkb(context, reinterpret_cast<const unsigned char*>(s.wkb.data()), s.wkb.size());
      s.substation = nearest_to_site(substations, *site, s.centroid_x, s.centroid_y, radius);
      s.motorway = nearest_to_site(motorway, *site, s.centroid_x, s.centroid_y, radius);
      s.rail = nearest_to_site(rail, *site, s.centroid_x, s.centroid_y, radius);
      s.port = nearest_to_site(ports, *site, s.centroid_x, s.centroid_y, radius);
      for (const auto& layer : exclusions) {
        if (intersects(layer, *site)) {
          s.inside_exclusion = layer.name;
          break;
        }
      }
    }
    sites.push_back(std::move(s));
    if (sites.size() % 4096 == 0) progress("measuring sites", static_cast<double>(sites.size()) / total);
  }
  if (query.only_id && sites.empty()) throw_usage("no candidate with this id", {.file = path.string(), .layer = "parcels", .key = *query.only_id});
  std::sort(sites.begin(), sites.end(), [](const SiteFacts& a, const SiteFacts& b) { return a.id < b.id; });
  return sites;
}

}  // namespace zanplan
