// Helpers shared by the infrastructure importers (gis/src/infra): regional filtering,
// reprojection to Lambert-93, geometry repair, commune lookup and bulk writing.
// Internal to the infra module.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "import/context.hpp"
#include "ogr/handles.hpp"
#include "zanplan/error.hpp"
#include "zanplan/sources.hpp"

namespace zanplan::importer::infra {

// The region outline of the context, grown by `tolerance_m`; throws an internal error when
// the orchestrator has not loaded the outline yet.
class RegionFilter {
 public:
  RegionFilter(Context& context, double tolerance_m);
  [[nodiscard]] bool keeps(double x, double y) const;
  [[nodiscard]] bool keeps(const OGRPoint& point) const { return keeps(point.getX(), point.getY()); }

 private:
  RegionOutline* region_;
  double tolerance_m_;
};

// The transformation from a layer's CRS to Lambert-93, in traditional lon/lat (x, y) order
// whatever the CRS definition says. A layer without a CRS is an input error.
ogr::TransformPtr transform_to_lambert93(OGRLayer& layer, const std::string& path);

// (lon, lat) in WGS84 → Lambert-93 (x, y); throws an input error with `where` on failure.
OGRPoint wgs84_to_lambert93(OGRCoordinateTransformation& transform, double lon, double lat,
                            const ErrorContext& where);

// A Lambert-93 copy of a feature's geometry; a missing geometry or a failed reprojection is
// an input error naming the file, layer and feature.
ogr::GeometryPtr lambert93_geometry(OGRFeature& feature, OGRCoordinateTransformation& transform,
                                    const ErrorContext& where);

// The geometry as a valid MultiPolygon. An invalid geometry is repaired with MakeValid
// (`repaired` is incremented); a geometry with no polygon left is an input error.
ogr::GeometryPtr valid_multipolygon(ogr::GeometryPtr geometry, const ErrorContext& where, int& repaired);

// A point guaranteed to lie on the multipolygon.
OGRPoint point_on_surface(const OGRMultiPolygon& geometry, const ErrorContext& where);

// A polygon feature read for the workspace: its geometry as a valid Lambert-93
// MultiPolygon and a point on its surface, used for the regional filter.
struct PolygonFeature {
  ogr::GeometryPtr geometry;
  OGRPoint anchor;
};
PolygonFeature read_polygon(OGRFeature& feature, OGRCoordinateTransformation& transform,
                            const ErrorContext& where, int& repaired);

// INSEE commune codes and département codes lose their leading zero in some exports
// ("2408" for 02408, "2" for 02); these restore it. Other codes are returned unchanged.
std::string padded_insee(const std::string& code);
std::string padded_departement(const std::string& code);

// Département codes of a set of current commune codes ("59350" → "59", "97411" → "974").
std::set<std::string> departements_of(const std::set<std::string>& communes);

// Finds the commune containing a point among the `communes` layer already written to the
// workspace by the admin stage. Without that layer every lookup returns nullopt.
class CommuneLocator {
 public:
  explicit CommuneLocator(Context& context);
  [[nodiscard]] bool available() const { return layer_ != nullptr; }
  [[nodiscard]] std::optional<std::string> locate(const OGRPoint& point) const;

 private:
  OGRLayer* layer_ = nullptr;
  int code_field_ = -1;
};

// Bulk inserts into one workspace layer inside a single GeoPackage transaction (much
// faster). If the import fails before commit(), the workspace is abandoned as a whole.
class LayerWriter {
 public:
  LayerWriter(Context& context, const std::string& name, OGRwkbGeometryType geometry,
              const std::vector<workspace::FieldSpec>& fields);
  ~LayerWriter();
  LayerWriter(const LayerWriter&) = delete;
  LayerWriter& operator=(const LayerWriter&) = delete;

  [[nodiscard]] OGRFeature new_feature() const { return OGRFeature(layer_->GetLayerDefn()); }
  void add(OGRFeature& feature);
  void commit();
  [[nodiscard]] std::int64_t written() const { return written_; }

 private:
  GDALDataset& dataset_;
  OGRLayer* layer_;
  std::string name_;
  bool in_transaction_ = false;
  std::int64_t written_ = 0;
};

// Sets a string field, or leaves it null when `value` is empty.
void set_text(OGRFeature& feature, const char* field, const std::string& value);

// The manifest entries whose key starts with `prefix`, in key order.
std::vector<const SourceEntry*> entries_with_prefix(const SourcesManifest& manifest,
                                                    const std::string& prefix);

// "2 km" / "500 m", for provenance notes.
std::string distance_text(double metres);

}  // namespace zanplan::importer::infra
