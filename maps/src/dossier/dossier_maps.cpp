#include "dossier/dossier_maps.hpp"

#include <algorithm>
#include <cmath>

#include "dossier/map_marks.hpp"
#include "zanplan/maps/region_layers.hpp"
#include "zanplan/maps/renderer.hpp"
#include "zanplan/workspace.hpp"

namespace zanplan::maps::dossier {

namespace {

const QSize kImageSize(1600, 1150);
// The close-up shows at least this much around the site, and the infrastructure up to this
// far (further features get a line towards them, cut at the edge).
constexpr double kMinHalfWidthM = 1500;
constexpr double kMaxShownDistanceM = 6000;

QPointF screen_of(const Viewport& view, double lambert_x, double lambert_y) {
  const MapPoint p = lambert93_to_web_mercator({lambert_x, lambert_y});
  return view.to_screen(p.x, p.y);
}

QString distance_label(const QString& what, const NearestFeature& f, Lang lang) {
  return QStringLiteral("%1 %2 — %3")
      .arg(what, QString::fromStdString(f.name.empty() ? f.code : f.name),
           QString::fromStdString(format_quantity(f.distance_km, 1, "km", lang)));
}

// The Lambert-93 box of the close-up: the site with room around it, and the features near it.
MapBounds closeup_box(const AssessedSite& site) {
  const auto& f = site.facts;
  const double half = std::max(kMinHalfWidthM, std::sqrt(f.area_ha * 10'000.0) * 1.5);
  MapBounds box;
  box.add(f.centroid_x - half, f.centroid_y - half);
  box.add(f.centroid_x + half, f.centroid_y + half);
  for (const NearestFeature* n : {&f.substation, &f.motorway, &f.rail, &f.port}) {
    if (std::isfinite(n->x) && n->distance_km * 1000 <= kMaxShownDistanceM) {
      box.add(n->x - 400, n->y - 400);
      box.add(n->x + 400, n->y + 400);
    }
  }
  return box;
}

MapBounds web_mercator_of(const MapBounds& lambert) {
  MapBounds out;
  for (double x : {lambert.min_x, lambert.max_x}) {
    for (double y : {lambert.min_y, lambert.max_y}) {
      const MapPoint p = lambert93_to_web_mercator({x, y});
      out.add(p.x, p.y);
    }
  }
  return out;
}

}  // namespace

DossierMaps draw_dossier_maps(const std::filesystem::path& workspace, const scoring::Profile& profile,
                              const Assessment& assessment, const Ledger& ledger, const AssessedSite& site, Lang lang) {
  const MapBounds box = closeup_box(site);
  RegionLayerOptions options;
  options.parcels = true;
  options.parcels_within_lambert93 = box;
  options.user_layers = false;  // the captions name every colour of these maps; user layers are not among them
  if (const std::string sites = site_query_for(profile).sites_table; !sites.empty() && workspace_has_table(workspace, sites)) {
    options.sites_layer = sites;
  }
  std::vector<MapLayer> layers = load_region_layers(workspace, options);
  MapBounds region;
  for (auto& layer : layers) {
    if (layer.id == kCommunes) {
      layer = with_ledger(layer, ledger);
      region = layer.data->bounds;
    }
    if (layer.id == kCandidates) layer = with_assessment(layer, assessment);
  }
  layers.push_back(top_sites_layer(assessment));
  const QString id = QString::fromStdString(site.facts.id);

  DossierMaps out;
  {
    MapSnapshot location;
    location.viewport = Viewport(kImageSize, {0, 0}, 1000);
    location.viewport.fit(region, 0.03);
    location.layers = layers;
    for (auto& layer : location.layers) layer.visible = layer.id != kParcels;
    location.legend = false;  // the caption says what the colours are
    out.location = render_map(location);
    draw_site_marker(out.location, screen_of(location.viewport, site.facts.centroid_x, site.facts.centroid_y), id);
    draw_north_arrow(out.location);
  }
  {
    MapSnapshot closeup;
    closeup.viewport = Viewport(kImageSize, {0, 0}, 10);
    closeup.viewport.fit(web_mercator_of(box), 0.04);
    closeup.layers = std::move(layers);
    for (auto& layer : closeup.layers) layer.visible = layer.id != kTopSites;
    closeup.selected_layer = kCandidates;
    closeup.selected_id = site.facts.id;
    out.closeup = render_map(closeup);
    const QPointF centre = screen_of(closeup.viewport, site.facts.centroid_x, site.facts.centroid_y);
    const auto& f = site.facts;
    const struct {
      const NearestFeature* feature;
      QString what;
      QColor colour;
    } lines[] = {
        {&f.substation, QString::fromUtf8(pick(lang, "Substation", "Poste").data()), QColor(200, 120, 0)},
        {&f.motorway, QString::fromUtf8(pick(lang, "Motorway access", "Échangeur").data()), QColor(200, 40, 40)},
        {&f.rail, QString::fromUtf8(pick(lang, "Freight rail", "Gare fret").data()), QColor(50, 50, 50)},
        {&f.port, QStringLiteral("Port"), QColor(20, 90, 200)},
    };
    for (const auto& line : lines) {
      if (!std::isfinite(line.feature->x) || !std::isfinite(line.feature->distance_km)) continue;
      draw_measure_line(out.closeup, centre, screen_of(closeup.viewport, line.feature->x, line.feature->y),
                        distance_label(line.what, *line.feature, lang), line.colour);
    }
    draw_site_marker(out.closeup, centre, id);
    draw_north_arrow(out.closeup);
  }
  return out;
}

}  // namespace zanplan::maps::dossier
