// In-memory map features and layers for the map tests, and readable QString values in
// failure messages.
#pragma once

#include <QColor>
#include <QPointF>
#include <QString>
#include <cstdint>
#include <limits>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "zanplan/maps/style.hpp"

QT_BEGIN_NAMESPACE
inline void PrintTo(const QString& text, std::ostream* out) { *out << '"' << text.toStdString() << '"'; }
QT_END_NAMESPACE

namespace zanplan::maps::testing {

// A feature from parts given in map coordinates (each part a ring, a line string or one point).
inline MapFeature feature(std::string id, const std::vector<std::vector<QPointF>>& parts,
                          double value = std::numeric_limits<double>::quiet_NaN(), std::string label = {}) {
  MapFeature f;
  f.id = std::move(id);
  f.label = std::move(label);
  f.value = value;
  for (const auto& part : parts) {
    f.part_starts.push_back(static_cast<std::uint32_t>(f.xy.size() / 2));
    for (const QPointF& p : part) {
      f.xy.push_back(p.x());
      f.xy.push_back(p.y());
      f.bounds.add(p.x(), p.y());
    }
  }
  return f;
}

inline MapLayer layer(const QString& id, MapGeometry geometry, std::vector<MapFeature> features, LayerStyle style = {}) {
  auto data = std::make_shared<MapLayerData>();
  data->layer = id.toStdString();
  data->geometry = geometry;
  data->features = std::move(features);
  for (const auto& f : data->features) data->bounds.add(f.bounds);
  MapLayer l;
  l.id = id;
  l.title = id;
  l.data = std::move(data);
  l.style = std::move(style);
  return l;
}

}  // namespace zanplan::maps::testing
