// Planners' own layers on the map (docs/user-layers.md): every layer of the workspace's
// registry, drawn with one default style in a colour of its own, so that it reads apart
// from the built-in layers. Shared by zanplan-map and zanplan render.
#pragma once

#include <QColor>
#include <QString>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "zanplan/maps/style.hpp"

namespace zanplan::maps {

// A user layer's id on the map is "user:NAME" (the form a profile's candidates.source
// uses): a user layer may be named like a map layer that is no table (candidates, top_sites).
QString user_layer_id(const std::string& name);
// NAME for a user layer's id; nothing for any other layer.
std::optional<std::string> user_layer_name(const QString& layer_id);

// The palette, a fixed list of qualitative colours none of the built-in layers uses; the
// index-th user layer (in the order they were added) takes the index-th colour, cycling.
const std::vector<QColor>& user_layer_palette();
QColor user_layer_colour(std::size_t index);

// The default style: polygons filled with the colour at a third of its opacity under a
// solid 2 px outline, lines as 1.5 px strokes, points as 7 px circles with a white rim.
LayerStyle user_layer_style(MapGeometry geometry, std::size_t index);

// Every user layer of the workspace, read whole and styled, in drawing order: polygons
// first, then lines, then points (so that no fill covers a point); within each kind in the
// order the layers were added. Empty for a workspace without user layers.
std::vector<MapLayer> load_user_layers(const std::filesystem::path& workspace);

}  // namespace zanplan::maps
