#include "zanplan/feature_attributes.hpp"

#include <charconv>

#include "ogr/handles.hpp"

namespace zanplan {

namespace {

// The shortest text that reads back as the same double: 0.1 stays "0.1", not
// "0.10000000000000001".
std::string shortest(double value) {
  char text[32];
  const auto result = std::to_chars(text, text + sizeof text, value);
  return {text, result.ptr};
}

FeatureAttribute attribute_of(const OGRFeature& feature, int field) {
  const OGRFieldDefn& definition = *feature.GetFieldDefnRef(field);
  FeatureAttribute a{.name = definition.GetNameRef()};
  if (!feature.IsFieldSetAndNotNull(field)) {
    a.null = true;
    return a;
  }
  if (definition.GetType() == OFTReal) {
    const double value = feature.GetFieldAsDouble(field);
    a.text = shortest(value);
    a.real = value;
  } else {
    a.text = feature.GetFieldAsString(field);
  }
  return a;
}

}  // namespace

std::vector<FeatureAttribute> read_feature_attributes(const std::filesystem::path& workspace, const std::string& layer_name,
                                                      std::int64_t fid) {
  const std::string path = workspace.string();
  auto dataset = ogr::open_vector(path);
  OGRLayer* layer = dataset->GetLayerByName(layer_name.c_str());
  if (layer == nullptr) throw_workspace("no such layer in the workspace", {.file = path, .layer = layer_name});
  ogr::FeaturePtr feature(layer->GetFeature(fid));
  if (!feature) throw_workspace("no such feature", {.file = path, .layer = layer_name, .feature = fid});
  std::vector<FeatureAttribute> attributes;
  for (int i = 0; i < feature->GetFieldCount(); ++i) attributes.push_back(attribute_of(*feature, i));
  return attributes;
}

}  // namespace zanplan
