// The workspace layers a profile names, checked before anything is measured, so that a
// misspelt or unsuitable layer is reported at the profile's line (docs/user-layers.md).
#include "zanplan/assessment.hpp"

#include "workspace/sqlite_reader.hpp"
#include "zanplan/error.hpp"

namespace zanplan {

void check_profile_layers(const scoring::Profile& profile, const std::filesystem::path& workspace) {
  if (profile.constraints.exclusion_layers.empty()) return;
  workspace::ReadOnlyDatabase db(workspace);
  const std::string in_workspace = " (workspace " + workspace.string() + ", zanplan info)";
  for (const scoring::ExclusionLayer& e : profile.constraints.exclusion_layers) {
    const ErrorContext where{.file = profile.path.string(), .line = e.line, .key = e.key};
    // The GeoPackage's own register of geometry columns: a table absent from it holds no
    // geometry, whatever its name.
    auto q = db.query("SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = ?", "gpkg_geometry_columns");
    q.bind(1, e.layer);
    if (!q.step()) throw_config("no layer '" + e.layer + "' with geometry" + in_workspace, where);
    const std::string type(q.text(0));
    if (type != "POLYGON" && type != "MULTIPOLYGON") {
      throw_config("an exclusion layer must hold polygons: '" + e.layer + "' holds " + type + in_workspace, where);
    }
  }
}

}  // namespace zanplan
