// The workspace layers a profile names, checked before anything is measured, so that a
// misspelt or unsuitable layer or field is reported at the profile's line
// (docs/user-layers.md).
#include <algorithm>
#include <array>
#include <cctype>

#include "sites/user_sites.hpp"
#include "workspace/sqlite_reader.hpp"
#include "zanplan/assessment.hpp"
#include "zanplan/error.hpp"

namespace zanplan {

namespace {

class LayerChecker {
 public:
  LayerChecker(const scoring::Profile& profile, const std::filesystem::path& workspace)
      : profile_(profile), db_(workspace), in_workspace_(" (workspace " + workspace.string() + ", zanplan info)") {}

  // The layer's geometry type from the GeoPackage's own register of geometry columns: a table
  // absent from it holds no geometry, whatever its name.
  std::string geometry_type(const std::string& layer, const ErrorContext& where) {
    auto q = db_.query("SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = ?", "gpkg_geometry_columns");
    q.bind(1, layer);
    if (!q.step()) throw_config("no layer '" + layer + "' with geometry" + in_workspace_, where);
    return std::string(q.text(0));
  }

  void require_polygons(const std::string& layer, const std::string& what, const ErrorContext& where) {
    const std::string type = geometry_type(layer, where);
    if (type != "POLYGON" && type != "MULTIPOLYGON") {
      throw_config(what + " must hold polygons: '" + layer + "' holds " + type + in_workspace_, where);
    }
  }

  // A numeric column (GeoPackage's integer and real types) of the layer.
  void require_numeric_field(const std::string& layer, const std::string& field, const ErrorContext& where) {
    auto q = db_.query("SELECT type FROM pragma_table_info(?) WHERE name = ?", layer);
    q.bind(1, layer);
    q.bind(2, field);
    if (!q.step()) throw_config("layer '" + layer + "' has no field '" + field + "'" + in_workspace_, where);
    std::string type(q.text(0));
    std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    static constexpr std::array<std::string_view, 8> numeric{"INTEGER", "INT",   "MEDIUMINT", "SMALLINT",
                                                             "TINYINT", "REAL", "DOUBLE",    "FLOAT"};
    if (std::find(numeric.begin(), numeric.end(), type) == numeric.end()) {
      throw_config("field '" + field + "' of layer '" + layer + "' is not numeric (" + (type.empty() ? "no type" : type) + ")" +
                       in_workspace_,
                   where);
    }
  }

  void check_exclusions() {
    for (const scoring::ExclusionLayer& e : profile_.constraints.exclusion_layers) {
      require_polygons(e.layer, "an exclusion layer", at(e.line, e.key));
    }
  }

  // The candidates' layer and id field (the ids themselves are checked as they are read).
  void check_candidates() {
    if (const auto source = site_query_for(profile_).user_sites) sites::check_user_site_source(db_, *source);
  }

  void check_user_criteria() {
    for (const scoring::UserCriterion& u : profile_.user_criteria) {
      const std::string prefix = "criteria." + u.id + ".";
      const ErrorContext where = at(u.layer_line, prefix + "layer");
      switch (u.query.measure) {
        case LayerMeasure::distance_km:
          (void)geometry_type(u.query.layer, where);  // any geometry has a distance
          break;
        case LayerMeasure::share_covered:
          require_polygons(u.query.layer, "a share_covered criterion's layer", where);
          break;
        case LayerMeasure::attribute:
          require_polygons(u.query.layer, "an attribute criterion's layer", where);
          require_numeric_field(u.query.layer, u.query.field, at(u.field_line, prefix + "field"));
          break;
      }
    }
  }

 private:
  ErrorContext at(std::int64_t line, const std::string& key) const {
    return {.file = profile_.path.string(), .line = line, .key = key};
  }

  const scoring::Profile& profile_;
  workspace::ReadOnlyDatabase db_;
  std::string in_workspace_;
};

}  // namespace

void check_profile_layers(const scoring::Profile& profile, const std::filesystem::path& workspace) {
  if (profile.constraints.exclusion_layers.empty() && profile.user_criteria.empty() && profile.candidates.user_layer.empty()) return;
  LayerChecker checker(profile, workspace);
  checker.check_exclusions();
  checker.check_candidates();
  checker.check_user_criteria();
}

}  // namespace zanplan
