#include "zanplan/maps/region_layers.hpp"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "zanplan/maps/user_layers.hpp"

namespace zanplan::maps {

namespace {

// The translation context of the layer titles and legend entries.
class RegionLayers {
  Q_DECLARE_TR_FUNCTIONS(RegionLayers)
};

std::shared_ptr<const MapLayerData> read(const std::filesystem::path& workspace, MapLayerRequest request) {
  return std::make_shared<const MapLayerData>(read_map_layer(workspace, request));
}

// A layer read per view: no features until the canvas reads a view, through one reader that
// keeps the workspace open (opened here, so that a missing layer or field fails at load).
std::shared_ptr<const ViewSource> view_source(const std::filesystem::path& workspace, const MapLayerRequest& request,
                                              std::shared_ptr<const MapLayerData>& empty) {
  auto reader = std::make_shared<MapLayerReader>(workspace, request);
  auto first = std::make_shared<MapLayerData>(reader->read(MapBounds()));  // no features: its geometry kind
  empty = first;
  auto source = std::make_shared<ViewSource>();
  source->read = [reader](const MapBounds& box, const std::atomic<bool>& cancel) {
    return std::make_shared<const MapLayerData>(reader->read(web_mercator_box_to_lambert93(box), &cancel));
  };
  return source;
}

MapLayer make_layer(const QString& id, const QString& title, std::shared_ptr<const MapLayerData> data, LayerStyle style) {
  MapLayer layer;
  layer.id = id;
  layer.title = title;
  layer.synthetic = data->synthetic;
  layer.data = std::move(data);
  layer.style = std::move(style);
  return layer;
}

LayerStyle outline(QColor fill, QColor stroke, double width) {
  LayerStyle s;
  s.fill = fill;
  s.stroke = stroke;
  s.stroke_width = width;
  return s;
}

LayerStyle symbol(QColor fill, PointShape shape, double size) {
  LayerStyle s;
  s.fill = fill;
  s.stroke = QColor(255, 255, 255);
  s.shape = shape;
  s.point_size = size;
  return s;
}

// Parcels by land class, read from their label (the land_class field); drawn only zoomed in.
std::shared_ptr<const std::vector<double>> land_class_values(const MapLayerData& parcels) {
  auto values = std::make_shared<std::vector<double>>();
  values->reserve(parcels.features.size());
  for (const auto& f : parcels.features) {
    values->push_back(f.label == "artificialised" ? 0.0 : f.label == "enaf" ? 1.0 : f.label == "brownfield" ? 2.0 : NAN);
  }
  return values;
}

// One value per feature of `data`, looked up by feature id (NaN where there is none).
std::shared_ptr<const std::vector<double>> values_by_id(const MapLayerData& data,
                                                        const std::unordered_map<std::string, double>& by_id) {
  auto values = std::make_shared<std::vector<double>>();
  values->reserve(data.features.size());
  for (const auto& f : data.features) {
    auto it = by_id.find(f.id);
    values->push_back(it == by_id.end() ? NAN : it->second);
  }
  return values;
}

MapLayer parcel_layer(std::shared_ptr<const MapLayerData> data, std::shared_ptr<const ViewSource> source = nullptr) {
  LayerStyle s;
  s.stroke = QColor(90, 90, 90, 140);
  s.stroke_width = 0.5;
  s.classes = {{0, QColor(190, 170, 170, 110), RegionLayers::tr("artificialised")},
               {1, QColor(170, 210, 140, 110), RegionLayers::tr("ENAF")},
               {2, QColor(160, 110, 190, 150), RegionLayers::tr("brownfield")}};
  s.no_value = QColor(255, 255, 255, 60);
  s.value_title = RegionLayers::tr("land class");
  s.max_resolution = 25;
  if (source) s.max_resolution = kParcelsPerViewResolution;
  auto layer = make_layer(kParcels, RegionLayers::tr("Parcels"), data, s);
  layer.values = land_class_values(*layer.data);
  if (source) {
    auto with_values = std::make_shared<ViewSource>(*source);
    with_values->values = [](const MapLayerData& d) { return land_class_values(d); };
    layer.source = std::move(with_values);
  }
  return layer;
}

MapLayer candidate_layer(std::shared_ptr<const MapLayerData> data, std::shared_ptr<const ViewSource> source = nullptr) {
  LayerStyle s;
  s.stroke = QColor(40, 40, 40);
  s.stroke_width = 0.6;
  s.no_value = Qt::transparent;
  s.value_title = RegionLayers::tr("score");
  s.max_resolution = 120;
  s.clickable_under_polygons = true;  // a site inside a planner's translucent zone stays clickable
  if (source) s.max_resolution = kCandidatesPerViewResolution;
  auto layer = make_layer(kCandidates, RegionLayers::tr("Candidate sites"), std::move(data), s);
  layer.values = std::make_shared<std::vector<double>>(layer.data->features.size(), NAN);
  if (source) {
    auto unscored = std::make_shared<ViewSource>(*source);
    unscored->values = [](const MapLayerData& d) { return std::make_shared<const std::vector<double>>(d.features.size(), NAN); };
    layer.source = std::move(unscored);
  }
  return layer;
}

}  // namespace

std::vector<MapLayer> load_region_layers(const std::filesystem::path& workspace, const RegionLayerOptions& options) {
  std::vector<MapLayer> layers;
  {
    LayerStyle s = outline(QColor(250, 250, 250), QColor(150, 150, 150), 0.4);
    s.labels = true;
    s.max_label_resolution = 40;
    layers.push_back(make_layer(kCommunes, RegionLayers::tr("Communes"), read(workspace, {"communes", "code", "population", "nom", "", std::nullopt}), s));
  }
  layers.push_back(make_layer(kLogisticsAreas, RegionLayers::tr("Logistics areas"), read(workspace, {"logistics_areas", "area_id", "", "", "", std::nullopt}),
                              outline(QColor(250, 200, 120, 120), QColor(200, 130, 40), 0.8)));
  layers.push_back(make_layer(kBusinessParks, RegionLayers::tr("Business parks"), read(workspace, {"business_parks", "site_id", "", "site_nom", "", std::nullopt}),
                              outline(QColor(150, 150, 200, 120), QColor(90, 90, 160), 0.8)));
  std::shared_ptr<const MapLayerData> parcels;
  if (options.per_view) {
    std::shared_ptr<const MapLayerData> empty;
    auto source = view_source(workspace, {"parcels", "id", "", "land_class", "", std::nullopt}, empty);
    layers.push_back(parcel_layer(empty, source));
    if (!options.sites_layer.empty()) source = view_source(workspace, {options.sites_layer, "site_id", "", "", "", std::nullopt}, empty);
    else source = view_source(workspace, {"parcels", "id", "", "", "", std::nullopt}, empty);  // its own reader
    layers.push_back(candidate_layer(empty, source));
  } else {
    if (options.parcels) {
      parcels = read(workspace, {"parcels", "id", "", "land_class", "", options.parcels_within_lambert93});
      layers.push_back(parcel_layer(parcels));
    }
    if (!options.sites_layer.empty()) {
      layers.push_back(candidate_layer(read(workspace, {options.sites_layer, "site_id", "", "", "", std::nullopt})));
    } else if (parcels) {
      layers.push_back(candidate_layer(parcels));
    }
  }
  if (options.user_layers) {
    for (auto& layer : load_user_layers(workspace)) layers.push_back(std::move(layer));
  }
  {
    LayerStyle s;
    s.stroke = QColor(200, 60, 60);
    s.fill = QColor(200, 60, 60);
    s.stroke_width = 2.2;
    layers.push_back(make_layer(kMotorways, RegionLayers::tr("Motorways"), read(workspace, {"motorway_segments", "", "", "route", "", std::nullopt}), s));
  }
  layers.push_back(make_layer(kBrownfields, RegionLayers::tr("Brownfields"), read(workspace, {"brownfields", "site_id", "surface_m2", "site_nom", "", std::nullopt}),
                              symbol(QColor(140, 80, 170), PointShape::square, 6)));
  layers.push_back(make_layer(kRail, RegionLayers::tr("Freight rail points"), read(workspace, {"rail_points", "code_uic", "", "libelle", "fret = 1", std::nullopt}),
                              symbol(QColor(60, 60, 60), PointShape::diamond, 7)));
  layers.push_back(make_layer(kPorts, RegionLayers::tr("Ports"), read(workspace, {"ports", "ne_id", "", "name", "", std::nullopt}),
                              symbol(QColor(20, 90, 200), PointShape::circle, 11)));
  {
    LayerStyle s = symbol(QColor(240, 190, 0), PointShape::triangle, 9);
    s.stroke = QColor(60, 60, 60);
    s.classes = fixed_classes({90, 225, 400}, {QColor(255, 230, 120), QColor(250, 150, 0), QColor(200, 30, 30)},
                              {RegionLayers::tr("≤ 90 kV"), RegionLayers::tr("150–225 kV"), RegionLayers::tr("400 kV")});
    s.no_value = Qt::transparent;
    s.value_title = RegionLayers::tr("voltage");
    layers.push_back(make_layer(kSubstations, RegionLayers::tr("Connectable substations"),
                                read(workspace, {"substations", "code", "tension_kv", "nom", "connectable = 1", std::nullopt}), s));
  }
  layers.push_back(place_names_layer(layers.front()));
  return layers;
}

MapLayer with_ledger(const MapLayer& communes, const Ledger& ledger) {
  std::unordered_map<std::string, double> share;
  if (auto it = ledger.rows.find(Level::commune); it != ledger.rows.end()) {
    for (const auto& row : it->second) {
      if (row.envelope_ha > 0) share[row.code] = 100.0 * row.remaining_ha / row.envelope_ha;
      else share[row.code] = row.remaining_ha < 0 ? -100.0 : NAN;
    }
  }
  MapLayer layer = communes;
  layer.values = values_by_id(*communes.data, share);
  layer.style.classes = fixed_classes({0, 10, 25, 50, 75, 100},
                                      {QColor(202, 0, 32), QColor(244, 165, 130), QColor(253, 219, 199),
                                       QColor(209, 229, 240), QColor(146, 197, 222), QColor(5, 113, 176)},
                                      {RegionLayers::tr("over (< 0 %)"), RegionLayers::tr("tight (0–10 %)"), RegionLayers::tr("10–25 %"), RegionLayers::tr("25–50 %"),
                                       RegionLayers::tr("50–75 %"), RegionLayers::tr("≥ 75 %")});
  layer.style.no_value = QColor(230, 230, 230);
  layer.style.value_title = RegionLayers::tr("ZAN envelope 2021–2030 left");
  layer.synthetic = communes.synthetic || ledger.consumption_is_synthetic;
  return layer;
}

namespace {
// The score's quantile classes, after a grey class for the excluded candidates.
std::vector<StyleClass> score_classes(const Assessment& assessment) {
  std::vector<double> ranked;
  for (const auto& site : assessment.sites) {
    if (site.ranking.rank) ranked.push_back(site.ranking.score);
  }
  std::vector<StyleClass> classes{{kExcludedValue / 2, QColor(170, 170, 170), RegionLayers::tr("excluded")}};
  for (auto& c : quantile_classes(ranked, 5,
                                  // Greens, apart from the communes' red-to-blue headroom.
                                  {QColor(255, 255, 204), QColor(194, 230, 153), QColor(120, 198, 121), QColor(49, 163, 84),
                                   QColor(0, 104, 55)},
                                  3)) {
    classes.push_back(std::move(c));
  }
  return classes;
}

double site_value(const AssessedSite& site) { return site.ranking.rank ? site.ranking.score : kExcludedValue; }

// Ground distance between two Web Mercator points close to each other (the projection
// stretches lengths by 1 / cos(latitude)).
double ground_km(double x1, double y1, double x2, double y2) {
  constexpr double kEarthRadius = 6378137.0;
  const double latitude = std::atan(std::sinh((y1 + y2) / 2 / kEarthRadius));
  return std::hypot(x2 - x1, y2 - y1) * std::cos(latitude) / 1000;
}
}  // namespace

MapLayer place_names_layer(const MapLayer& communes, std::size_t count, double spacing_km) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < communes.data->features.size(); ++i) {
    if (!std::isnan(communes.data->features[i].value) && !communes.data->features[i].label.empty()) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return communes.data->features[a].value > communes.data->features[b].value;
  });
  auto data = std::make_shared<MapLayerData>();
  data->layer = "communes";
  data->geometry = MapGeometry::point;
  for (const std::size_t i : order) {
    if (data->features.size() >= count) break;
    const MapFeature& c = communes.data->features[i];
    const double x = (c.bounds.min_x + c.bounds.max_x) / 2, y = (c.bounds.min_y + c.bounds.max_y) / 2;
    const bool crowded = std::any_of(data->features.begin(), data->features.end(), [&](const MapFeature& f) {
      return ground_km(f.xy[0], f.xy[1], x, y) < spacing_km;
    });
    if (crowded) continue;
    MapFeature f;
    f.id = c.id;
    f.label = c.label;
    f.value = c.value;
    f.xy = {x, y};
    f.part_starts = {0};
    f.bounds.add(x, y);
    data->bounds.add(f.bounds);
    data->features.push_back(std::move(f));
  }
  LayerStyle s = symbol(QColor(40, 40, 40), PointShape::circle, 5);
  s.labels = true;
  s.labels_optional = true;
  s.label_size = 1.0;
  s.label_bold = true;
  s.max_label_resolution = 1e12;
  s.min_resolution = 40;  // zoomed in further, the communes' own labels name them
  return make_layer(kPlaceNames, RegionLayers::tr("Main towns"), std::move(data), s);
}

MapLayer with_assessment(const MapLayer& candidates, const Assessment& assessment) {
  auto score = std::make_shared<std::unordered_map<std::string, double>>();
  score->reserve(assessment.sites.size());
  for (const auto& site : assessment.sites) (*score)[site.facts.id] = site_value(site);
  MapLayer layer = candidates;
  layer.values = values_by_id(*candidates.data, *score);
  layer.style.classes = score_classes(assessment);
  layer.synthetic = candidates.data->synthetic;
  if (candidates.source) {
    auto source = std::make_shared<ViewSource>(*candidates.source);
    source->values = [score](const MapLayerData& d) { return values_by_id(d, *score); };
    layer.source = std::move(source);
  }
  return layer;
}

MapLayer* add_candidate_overview(std::vector<MapLayer>& layers, const Assessment& assessment) {
  auto it = std::find_if(layers.begin(), layers.end(), [](const MapLayer& l) { return l.id == kCandidates; });
  if (it == layers.end()) return nullptr;
  const double outline_resolution = it->style.max_resolution;
  // The overview's squares are site markers: over the user layers, whose fills would tint them.
  ++it;
  while (it != layers.end() && user_layer_name(it->id)) ++it;
  return &*layers.insert(it, candidate_overview_layer(assessment, outline_resolution));
}

MapLayer candidate_overview_layer(const Assessment& assessment, double outline_resolution) {
  auto data = std::make_shared<MapLayerData>();
  data->layer = "candidate_overview";
  data->geometry = MapGeometry::point;
  auto values = std::make_shared<std::vector<double>>();
  for (const auto& site : assessment.sites) {
    if (!site.ranking.rank) continue;  // at region scale the excluded would bury the map in grey
    const MapPoint at = lambert93_to_web_mercator({site.facts.centroid_x, site.facts.centroid_y});
    MapFeature f;
    f.id = site.facts.id;
    f.xy = {at.x, at.y};
    f.part_starts = {0};
    f.bounds.add(at.x, at.y);
    data->bounds.add(f.bounds);
    data->synthetic = data->synthetic || site.facts.synthetic;
    data->features.push_back(std::move(f));
    values->push_back(site.ranking.score);
  }
  LayerStyle s = symbol(QColor(0, 104, 55), PointShape::square, 3);
  s.stroke = Qt::transparent;
  s.classes = score_classes(assessment);
  s.no_value = Qt::transparent;
  s.value_title = RegionLayers::tr("score");
  s.min_resolution = outline_resolution;
  MapLayer layer = make_layer(kCandidateOverview, RegionLayers::tr("Candidate sites (region overview)"), std::move(data), s);
  layer.values = std::move(values);
  return layer;
}

MapLayer top_sites_layer(const Assessment& assessment) {
  auto data = std::make_shared<MapLayerData>();
  data->layer = "top_sites";
  data->geometry = MapGeometry::point;
  for (const auto& site : assessment.sites) {
    if (!site.ranking.rank || *site.ranking.rank > assessment.top_k) continue;
    const MapPoint at = lambert93_to_web_mercator({site.facts.centroid_x, site.facts.centroid_y});
    MapFeature f;
    f.id = site.facts.id;
    f.label = std::to_string(*site.ranking.rank);
    f.value = site.ranking.score;
    f.xy = {at.x, at.y};
    f.part_starts = {0};
    f.bounds.add(at.x, at.y);
    data->bounds.add(f.bounds);
    data->synthetic = data->synthetic || site.facts.synthetic;
    data->features.push_back(std::move(f));
  }
  LayerStyle s = symbol(QColor(0, 104, 55), PointShape::circle, 13);  // the best score class's green
  s.stroke = QColor(255, 255, 255);
  s.labels = true;
  s.label_size = 0.9;
  s.label_bold = true;
  s.max_label_resolution = 1e12;
  MapLayer layer = make_layer(kTopSites, RegionLayers::tr("Top %1 sites (rank)").arg(assessment.top_k), std::move(data), s);
  return layer;
}

}  // namespace zanplan::maps
