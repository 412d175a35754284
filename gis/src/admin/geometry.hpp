// GEOS helpers of the admin stage: polygon extraction, unions, conversion to OGR.
// Internal to gis.
#pragma once

#include <vector>

#include "geos/context.hpp"
#include "ogr/handles.hpp"

namespace zanplan::importer::admin {

// The polygons of `geometry` as one MultiPolygon (empty when it has none): points and lines
// that GEOSMakeValid or a union may leave beside the polygons are dropped.
geos::GeometryPtr polygonal_part(geos::Context& context, const GEOSGeometry& geometry);

// Union of the given polygonal geometries, as a MultiPolygon.
geos::GeometryPtr union_of(geos::Context& context, const std::vector<const GEOSGeometry*>& parts);

// A copy of a (Multi)Polygon GEOS geometry as an OGR MultiPolygon.
ogr::GeometryPtr to_ogr_multipolygon(geos::Context& context, const GEOSGeometry& geometry);

double area_of(geos::Context& context, const GEOSGeometry& geometry);

}  // namespace zanplan::importer::admin
