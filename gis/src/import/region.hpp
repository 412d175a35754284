// The region's outline, from the manifest's `region_boundary` entry. Internal to gis.
#pragma once

#include "import/context.hpp"

namespace zanplan::importer {

// Reads the region boundary file (any CRS GDAL knows; GeoJSON without a crs member is
// WGS84), reprojects it to Lambert-93 and stores it, prepared, in context.region.
void load_region_outline(Context& context);

// Converts an OGR geometry to GEOS in the calling thread's context.
geos::GeometryPtr to_geos(const OGRGeometry& geometry);

}  // namespace zanplan::importer
