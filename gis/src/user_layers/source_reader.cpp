#include "user_layers/source_reader.hpp"

#include <map>
#include <set>

#include "zanplan/error.hpp"

namespace zanplan::user_layers {

namespace {

enum class Family { none, point, line, polygon };

Family family_of(OGRwkbGeometryType type) {
  switch (wkbFlatten(type)) {
    case wkbPoint:
    case wkbMultiPoint: return Family::point;
    case wkbLineString:
    case wkbMultiLineString: return Family::line;
    case wkbPolygon:
    case wkbMultiPolygon: return Family::polygon;
    default: return Family::none;
  }
}

// The parts of `geometry` of the highest dimension: MakeValid may turn a bow-tie polygon
// into a collection of polygons and stray lines, and only the polygons are the feature.
ogr::GeometryPtr main_parts(ogr::GeometryPtr geometry) {
  if (wkbFlatten(geometry->getGeometryType()) != wkbGeometryCollection) return geometry;
  const auto* collection = geometry->toGeometryCollection();
  Family best = Family::none;
  for (const OGRGeometry* part : *collection) best = std::max(best, family_of(part->getGeometryType()));
  auto* kept = best == Family::polygon ? static_cast<OGRGeometryCollection*>(new OGRMultiPolygon)
               : best == Family::line  ? static_cast<OGRGeometryCollection*>(new OGRMultiLineString)
                                       : static_cast<OGRGeometryCollection*>(new OGRMultiPoint);
  ogr::GeometryPtr result(kept);
  for (const OGRGeometry* part : *collection) {
    if (family_of(part->getGeometryType()) != best) continue;
    if (const auto* multi = dynamic_cast<const OGRGeometryCollection*>(part)) {
      for (const OGRGeometry* single : *multi) kept->addGeometry(single);
    } else {
      kept->addGeometry(part);
    }
  }
  return result;
}

std::string crs_name(const OGRSpatialReference& srs) {
  const char* authority = srs.GetAuthorityName(nullptr);
  const char* code = srs.GetAuthorityCode(nullptr);
  if (authority != nullptr && code != nullptr) return std::string(authority) + ":" + code;
  const char* name = srs.GetName();
  return name != nullptr ? name : "unnamed CRS";
}

// Field values compared as text, the way they were typed on the command line.
class Selection {
 public:
  Selection(const std::vector<FieldSelection>& selection, OGRLayer& layer, const std::string& source) {
    for (const FieldSelection& s : selection) {
      const int index = layer.GetLayerDefn()->GetFieldIndex(s.field.c_str());
      if (index < 0) throw_input("--select names no field of the layer", {.file = source, .layer = layer.GetName(), .key = s.field});
      values_[index].insert(s.value);
    }
  }
  [[nodiscard]] bool keeps(const OGRFeature& feature) const {
    for (const auto& [index, values] : values_) {
      const char* text = feature.IsFieldSetAndNotNull(index) ? feature.GetFieldAsString(index) : "";
      if (!values.contains(text)) return false;
    }
    return true;
  }

 private:
  std::map<int, std::set<std::string, std::less<>>> values_;
};

OGRFieldType stored_type(OGRFieldType type) {
  switch (type) {
    case OFTInteger:
    case OFTInteger64:
    case OFTReal: return type;
    default: return OFTString;  // dates, lists and binaries are kept as their text
  }
}

// Opens the source read-only. GDAL falls back to a default CRS when a file names one PROJ
// does not know and only reports an error on the way: any error while opening, even a
// successful open, means the coordinates cannot be trusted.
ogr::DatasetPtr open_source(const std::string& source) {
  ogr::ensure_drivers_registered();
  ogr::ErrorCapture capture;
  ogr::DatasetPtr dataset(GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (!dataset) throw_input(capture.last_error().empty() ? "cannot be opened as vector data" : capture.last_error(), {.file = source});
  const std::string& error = capture.last_error();
  if (!error.empty()) {
    const bool crs = error.find("crs") != std::string::npos || error.find("PROJ") != std::string::npos;
    throw_input((crs ? "unknown coordinate reference system: " : "GDAL reported an error while opening it: ") + error, {.file = source});
  }
  return dataset;
}

}  // namespace

SourceLayer read_source(const UserLayerRequest& request) {
  const std::string& source = request.source;
  ogr::DatasetPtr dataset = open_source(source);
  OGRLayer& layer = ogr::layer_of(*dataset, source, request.source_layer);
  SourceLayer out;
  out.layer = layer.GetName();
  const ErrorContext where{.file = source, .layer = out.layer};
  if (layer.GetLayerDefn()->GetGeomFieldCount() == 0) {
    throw_input("the layer has no geometry (a non-spatial table): only spatial layers can be added", where);
  }
  const OGRSpatialReference* srs = layer.GetSpatialRef();
  if (srs == nullptr) throw_input("the layer has no coordinate reference system (a shapefile without its .prj?)", where);
  out.crs = crs_name(*srs);
  OGRSpatialReference source_srs(*srs);
  source_srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  const ogr::TransformPtr transform = ogr::make_transform(source_srs, ogr::lambert93(), source);

  for (int i = 0; i < layer.GetLayerDefn()->GetFieldCount(); ++i) {
    const OGRFieldDefn* field = layer.GetLayerDefn()->GetFieldDefn(i);
    // The workspace table's own key and geometry columns take these names.
    if (EQUAL(field->GetNameRef(), "fid") || EQUAL(field->GetNameRef(), "geom")) continue;
    out.fields.push_back({field->GetNameRef(), stored_type(field->GetType())});
  }
  const Selection selection(request.selection, layer, source);

  ogr::ErrorCapture capture;
  Family family = Family::none;
  bool any_multipoint = false;
  layer.ResetReading();
  for (auto& feature : layer) {
    if (!selection.keeps(*feature)) continue;
    ErrorContext at = where;
    at.feature = feature->GetFID();
    OGRGeometry* raw = feature->StealGeometry();
    if (raw == nullptr || raw->IsEmpty()) {
      delete raw;
      throw_input("feature without geometry", at);
    }
    ogr::GeometryPtr geometry(raw);
    geometry->flattenTo2D();
    if (geometry->transform(transform.get()) != OGRERR_NONE) throw_input("cannot reproject to Lambert-93: " + capture.last_error(), at);
    if (!geometry->IsValid()) {
      ogr::GeometryPtr valid(geometry->MakeValid());
      if (!valid) throw_input("the geometry is invalid and cannot be repaired: " + capture.last_error(), at);
      geometry = main_parts(std::move(valid));
    }
    const Family f = family_of(geometry->getGeometryType());
    if (f == Family::none) throw_input(std::string("unsupported geometry type ") + geometry->getGeometryName(), at);
    if (family != Family::none && f != family) throw_input("the layer mixes points, lines and polygons", at);
    family = f;
    any_multipoint = any_multipoint || wkbFlatten(geometry->getGeometryType()) == wkbMultiPoint;
    feature->SetGeometryDirectly(geometry.release());
    out.features.emplace_back(feature.release());
  }
  if (!capture.last_error().empty()) throw_input("cannot read the layer: " + capture.last_error(), where);
  if (out.features.empty()) {
    throw_input(request.selection.empty() ? "the layer has no features" : "--select matches no feature", where);
  }
  // One geometry type per layer, as GeoPackage readers expect.
  out.geometry = family == Family::polygon ? wkbMultiPolygon : family == Family::line ? wkbMultiLineString
               : any_multipoint            ? wkbMultiPoint
                                           : wkbPoint;
  for (auto& feature : out.features) {
    OGRGeometry* g = feature->StealGeometry();
    if (out.geometry == wkbMultiPolygon) g = OGRGeometryFactory::forceToMultiPolygon(g);
    if (out.geometry == wkbMultiLineString) g = OGRGeometryFactory::forceToMultiLineString(g);
    if (out.geometry == wkbMultiPoint) g = OGRGeometryFactory::forceToMultiPoint(g);
    feature->SetGeometryDirectly(g);
  }
  return out;
}

}  // namespace zanplan::user_layers
