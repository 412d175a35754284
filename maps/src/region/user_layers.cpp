#include "zanplan/maps/user_layers.hpp"

#include <algorithm>

#include "zanplan/user_layers.hpp"

namespace zanplan::maps {

namespace {

const QString kPrefix = QStringLiteral("user:");

// Fills at a third of the colour's opacity: what lies under a planner's zone (communes'
// headroom, sites) stays readable through it.
constexpr int kFillAlpha = 85;
constexpr double kOutlineWidth = 2;  // a zone's edge must show over the communes' colours
constexpr double kLineWidth = 1.5;
constexpr double kPointSize = 7;

int drawing_rank(MapGeometry geometry) {
  switch (geometry) {
    case MapGeometry::polygon: return 0;
    case MapGeometry::line: return 1;
    case MapGeometry::point: return 2;
  }
  return 0;
}

}  // namespace

QString user_layer_id(const std::string& name) { return kPrefix + QString::fromStdString(name); }

std::optional<std::string> user_layer_name(const QString& layer_id) {
  if (!layer_id.startsWith(kPrefix) || layer_id.size() == kPrefix.size()) return std::nullopt;
  return layer_id.mid(kPrefix.size()).toStdString();
}

const std::vector<QColor>& user_layer_palette() {
  // Hues the built-in layers leave free: no score green, headroom red or blue, infrastructure
  // yellow, orange or purple.
  static const std::vector<QColor> palette{QColor(106, 27, 154),  // violet
                                           QColor(214, 39, 140),  // magenta
                                           QColor(0, 139, 139),   // teal
                                           QColor(140, 81, 10),   // brown
                                           QColor(122, 122, 0),   // olive
                                           QColor(31, 58, 147)};  // navy
  return palette;
}

QColor user_layer_colour(std::size_t index) {
  const auto& palette = user_layer_palette();
  return palette[index % palette.size()];
}

LayerStyle user_layer_style(MapGeometry geometry, std::size_t index) {
  const QColor colour = user_layer_colour(index);
  LayerStyle s;
  switch (geometry) {
    case MapGeometry::polygon:
      s.fill = QColor(colour.red(), colour.green(), colour.blue(), kFillAlpha);
      s.stroke = colour;
      s.stroke_width = kOutlineWidth;
      break;
    case MapGeometry::line:
      s.fill = Qt::transparent;
      s.stroke = colour;
      s.stroke_width = kLineWidth;
      break;
    case MapGeometry::point:
      s.fill = colour;
      s.stroke = QColor(255, 255, 255);
      s.shape = PointShape::circle;
      s.point_size = kPointSize;
      break;
  }
  return s;
}

std::vector<MapLayer> load_user_layers(const std::filesystem::path& workspace) {
  std::vector<UserLayer> registry = list_user_layers(workspace);
  // Colours follow the order the layers were added, so that adding one never recolours the
  // others (imported_at is ISO 8601 UTC: its text sorts as its time).
  std::stable_sort(registry.begin(), registry.end(),
                   [](const UserLayer& a, const UserLayer& b) { return a.imported_at < b.imported_at; });
  std::vector<MapLayer> layers;
  for (std::size_t i = 0; i < registry.size(); ++i) {
    MapLayer layer;
    layer.id = user_layer_id(registry[i].name);
    layer.title = QString::fromStdString(registry[i].name);
    layer.data = std::make_shared<const MapLayerData>(read_map_layer(workspace, {.layer = registry[i].name}));
    layer.style = user_layer_style(layer.data->geometry, i);
    layers.push_back(std::move(layer));
  }
  std::stable_sort(layers.begin(), layers.end(), [](const MapLayer& a, const MapLayer& b) {
    return drawing_rank(a.data->geometry) < drawing_rank(b.data->geometry);
  });
  return layers;
}

}  // namespace zanplan::maps
