// What the map's identify shows of one feature: its attributes as text, read from the
// workspace by the gis library so that the map never opens the GeoPackage itself.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace zanplan {

struct FeatureAttribute {
  std::string name;
  // The value as text: integers as stored, reals in the shortest form that reads back as the
  // same number (12.5, 0.1), dates and lists as GDAL writes them; empty when null.
  std::string text;
  bool null = false;
  // Set for a real number, so that an interface can write it its language's way (12,5).
  std::optional<double> real;
};

// The attributes of feature `fid` of a workspace layer, in the table's field order; the key
// (fid) and geometry columns are not attributes. Throws a workspace error naming the file,
// the layer and the feature when the layer or the feature is not there.
std::vector<FeatureAttribute> read_feature_attributes(const std::filesystem::path& workspace, const std::string& layer,
                                                      std::int64_t fid);

}  // namespace zanplan
