// Reading a planner's GDAL vector source whole, before anything is written: selected,
// reprojected to Lambert-93, made valid and of one geometry family. Internal to gis.
#pragma once

#include <string>
#include <vector>

#include "ogr/handles.hpp"
#include "workspace/builder.hpp"
#include "zanplan/user_layers.hpp"

namespace zanplan::user_layers {

struct SourceLayer {
  std::string layer;           // the source layer's name
  std::string crs;             // the source CRS, "EPSG:4326" or its name
  OGRwkbGeometryType geometry = wkbUnknown;  // wkbPoint, wkbMultiPoint, wkbMultiLineString or wkbMultiPolygon
  std::vector<workspace::FieldSpec> fields;  // the source's attributes, in order
  std::vector<ogr::FeaturePtr> features;     // geometry in Lambert-93, of type `geometry`
};

// Input error naming the source, layer, feature or field for anything unusable.
SourceLayer read_source(const UserLayerRequest& request);

}  // namespace zanplan::user_layers
