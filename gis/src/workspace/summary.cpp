#include "zanplan/workspace.hpp"

#include "workspace/sqlite_reader.hpp"

#include "ogr/handles.hpp"
#include "workspace/layers.hpp"

namespace zanplan {

namespace {

std::string text_of(OGRFeature& feature, const char* field) {
  const int index = feature.GetFieldIndex(field);
  return index >= 0 && feature.IsFieldSetAndNotNull(index) ? feature.GetFieldAsString(index) : "";
}

}  // namespace

WorkspaceSummary summarize_workspace(const std::filesystem::path& path) {
  auto dataset = workspace::open_existing(path);
  WorkspaceSummary summary{.path = path, .meta = {}, .layers = {}};

  OGRLayer* meta = dataset->GetLayerByName("zanplan_meta");
  OGRLayer* provenance = dataset->GetLayerByName("zanplan_layers");
  if (meta == nullptr || provenance == nullptr) {
    throw_workspace("not a zanplan workspace (no zanplan_meta / zanplan_layers table)",
                    {.file = path.string()});
  }
  {
    const workspace::ReadCheck check(path, "zanplan_meta");
    for (auto& feature : *meta) summary.meta[text_of(*feature, "key")] = text_of(*feature, "value");
    check.check();
  }

  std::map<std::string, ogr::FeaturePtr> rows;
  {
    const workspace::ReadCheck check(path, "zanplan_layers");
    for (auto& feature : *provenance) rows[text_of(*feature, "layer")].reset(feature.release());
    check.check();
  }

  for (int i = 0; i < dataset->GetLayerCount(); ++i) {
    OGRLayer* layer = dataset->GetLayer(i);
    const std::string name = layer->GetName();
    if (name == "zanplan_meta" || name == "zanplan_layers" || name == "zanplan_user_layers") continue;
    const workspace::ReadCheck check(path, name);
    LayerSummary s;
    s.name = name;
    s.geometry_type = OGRGeometryTypeToName(layer->GetGeomType());
    s.feature_count = layer->GetFeatureCount(TRUE);
    if (const OGRSpatialReference* srs = layer->GetSpatialRef()) {
      const char* authority = srs->GetAuthorityName(nullptr);
      const char* code = srs->GetAuthorityCode(nullptr);
      s.crs = authority != nullptr && code != nullptr ? std::string(authority) + ":" + code : srs->GetName();
      OGREnvelope envelope;
      if (s.feature_count > 0 && layer->GetExtent(&envelope, TRUE) == OGRERR_NONE) {
        s.extent = Extent{envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY};
      }
    }
    if (auto row = rows.find(name); row != rows.end()) {
      OGRFeature& r = *row->second;
      s.provenance = text_of(r, "provenance");
      s.source_file = text_of(r, "source_file");
      s.source = text_of(r, "source");
      s.licence = text_of(r, "licence");
      s.imported_at = text_of(r, "imported_at");
      s.notes = text_of(r, "notes");
    }
    check.check();
    summary.layers.push_back(std::move(s));
  }
  return summary;
}

void check_workspace(const std::filesystem::path& path) { workspace::check_schema(path); }

void verify_workspace_pages(const std::filesystem::path& path) {
  workspace::ReadOnlyDatabase db(path);
  auto q = db.query("PRAGMA quick_check(5)", "");
  std::string problems;
  while (q.step()) {
    const std::string line(q.text(0));
    if (line == "ok") continue;
    problems += (problems.empty() ? "" : "; ") + line;
  }
  if (!problems.empty()) {
    throw_workspace("the file is damaged (" + problems + "): import it again or restore a copy", {.file = path.string()});
  }
}

bool workspace_has_table(const std::filesystem::path& path, const std::string& table) {
  workspace::ReadOnlyDatabase db(path);
  return db.has_table(table);
}

std::int64_t workspace_feature_count(const std::filesystem::path& path, const std::string& table) {
  workspace::ReadOnlyDatabase db(path);
  if (!db.has_table("gpkg_ogr_contents")) return -1;
  auto q = db.query("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = ?", "gpkg_ogr_contents");
  q.bind(1, table);
  return q.step() && !q.is_null(0) ? q.integer(0) : -1;
}

}  // namespace zanplan
