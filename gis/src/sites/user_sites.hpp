// A planner's own polygon layer as the candidate sites ([candidates] source = "user:NAME",
// docs/user-layers.md). Internal to gis.
#pragma once

#include "workspace/sqlite_reader.hpp"
#include "zanplan/sites.hpp"

namespace zanplan::sites {

// Config errors, naming the profile's key, unless source.layer is a polygon user layer with
// the field source.id_field.
void check_user_site_source(workspace::ReadOnlyDatabase& db, const UserSiteSource& source);

// Reads query.user_sites's polygons as candidates, with the planner's ids: area and shape
// from the polygon, its part of each commune from the communes layer, and the ENAF and
// brownfield land it takes from the parcels it covers (each parcel's ENAF in proportion to
// the share of the parcel inside the site). Config errors, naming the profile's key, for a
// layer that is not a polygon user layer, a missing id field, an empty or duplicate id.
void read_user_sites(workspace::ReadOnlyDatabase& db, const SiteQuery& query, MeasuredSites& out);

}  // namespace zanplan::sites
