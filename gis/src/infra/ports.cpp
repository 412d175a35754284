// `ports`: the Natural Earth 1:10m ports (GeoJSON whose `crs` member says NAD83).
#include <vector>

#include <fmt/format.h>

#include "infra/common.hpp"
#include "infra/infra_import.hpp"

namespace zanplan::importer::infra {

void import_ports(Context& context) {
  context.progress("ports", 0.0);
  const SourceEntry& entry = context.sources.require("ports");
  const std::string path = entry.resolved.string();
  auto dataset = ogr::open_vector(path);
  OGRLayer& layer = ogr::layer_of(*dataset, path);
  const int name = ogr::required_field(layer, path, "name");
  const int scalerank = ogr::required_field(layer, path, "scalerank");
  const int ne_id = ogr::required_field(layer, path, "ne_id");
  // The file declares EPSG:4269 (NAD83, latitude first) but stores lon/lat like any
  // GeoJSON; NAD83 and WGS84 differ by less than a metre here.
  auto transform = transform_to_lambert93(layer, path);
  const char* crs_name = layer.GetSpatialRef() != nullptr ? layer.GetSpatialRef()->GetName() : "unknown";

  const RegionFilter region(context, port_region_m);
  LayerWriter writer(context, "ports", wkbPoint,
                     {{"name"}, {"scalerank", OFTInteger}, {"ne_id", OFTInteger64}});
  std::vector<std::string> kept;
  GIntBig read = 0;
  for (auto& source : layer) {
    ++read;
    const ErrorContext where{.file = path, .layer = layer.GetName(), .feature = source->GetFID()};
    const auto geometry = lambert93_geometry(*source, *transform, where);
    if (wkbFlatten(geometry->getGeometryType()) != wkbPoint) throw_input("expected a point", where);
    const OGRPoint& point = *geometry->toPoint();
    if (!region.keeps(point)) continue;

    OGRFeature feature = writer.new_feature();
    feature.SetField("name", source->GetFieldAsString(name));
    feature.SetField("scalerank", source->GetFieldAsInteger(scalerank));
    feature.SetField("ne_id", source->GetFieldAsInteger64(ne_id));
    feature.SetGeometry(&point);
    writer.add(feature);
    kept.emplace_back(source->GetFieldAsString(name));
  }
  writer.commit();

  record_from_entry(
      context, "ports", entry,
      fmt::format("the file's CRS ({}) is read as longitude/latitude degrees and reprojected to "
                  "Lambert-93 (NAD83 and WGS84 differ by under a metre here); kept the {} of {} "
                  "ports lying within {} of the region outline, so that ports on the coast of the "
                  "simplified outline are kept: {}; one point per port, no quay or terminal extent",
                  crs_name, kept.size(), read, distance_text(port_region_m), fmt::join(kept, ", ")));
  context.progress("ports", 1.0);
}

}  // namespace zanplan::importer::infra
