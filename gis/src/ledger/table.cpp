// A ledger level as an export table, with the territories' outlines for choropleths.
#include <fmt/format.h>

#include "ogr/handles.hpp"
#include "workspace/layers.hpp"
#include "zanplan/ledger.hpp"

namespace zanplan {

namespace {

struct GeometrySource {
  const char* layer;
  const char* id;
};

GeometrySource geometry_source(Level level) {
  switch (level) {
    case Level::commune:
      return {"communes", "code"};
    case Level::epci:
      return {"epci", "siren"};
    case Level::scot:
      return {"scot", "scot_id"};
    case Level::departement:
    case Level::region:
      break;
  }
  throw_usage(fmt::format("no outlines for level {} (the workspace has them for commune, epci and scot)",
                          level_name(level)),
              {.key = "--geojson"});
}

std::map<std::string, std::string> outlines(const std::filesystem::path& path, Level level) {
  const GeometrySource source = geometry_source(level);
  auto dataset = workspace::open_existing(path);
  OGRLayer& layer = workspace::require_layer(*dataset, path, source.layer);
  const int id = workspace::require_column(layer, path, source.id);
  std::map<std::string, std::string> wkb;
  const workspace::ReadCheck check(path, source.layer);
  for (auto& f : layer) {
    const OGRGeometry* geometry = f->GetGeometryRef();
    if (geometry == nullptr || geometry->IsEmpty()) continue;
    std::string bytes(geometry->WkbSize(), '\0');
    geometry->exportToWkb(wkbNDR, reinterpret_cast<unsigned char*>(bytes.data()), wkbVariantIso);
    wkb[f->GetFieldAsString(id)] = std::move(bytes);
  }
  check.check();
  return wkb;
}

}  // namespace

ExportTable ledger_table(const Ledger& ledger, Level level, const std::filesystem::path& workspace,
                         bool with_geometries) {
  ExportTable table;
  table.layer_name = "ledger_" + level_name(level);
  const auto real = ColumnType::real;
  const auto text = ColumnType::text;
  table.columns = {{"level", text},
                   {"code", text},
                   {"name", text},
                   {"communes", ColumnType::integer},
                   {"reference_ha", real},
                   {"reduction_pct", real},
                   {"target_source", text},
                   {"target_inherited", ColumnType::boolean},
                   {"envelope_ha", real},
                   {"reserve_ha", real},
                   {"guarantee_communes", ColumnType::integer},
                   {"pooled_guarantee_ha", real},
                   {"unallocated_ha", real},
                   {"consumed_ha", real},
                   {"committed_ha", real},
                   {"pene_ha", real},
                   {"exempt_ha", real},
                   {"transfers_in_ha", real},
                   {"transfers_out_ha", real},
                   {"remaining_ha", real},
                   {"status", text}};
  const auto geometries = with_geometries ? outlines(workspace, level) : std::map<std::string, std::string>{};
  for (const auto& r : ledger.rows.at(level)) {
    table.rows.push_back({level_name(level), r.code, r.name, static_cast<std::int64_t>(r.communes),
                          r.reference_ha, r.reduction_pct, r.target_source, r.target_inherited, r.envelope_ha,
                          r.reserve_ha, static_cast<std::int64_t>(r.guarantee_communes), r.pooled_guarantee_ha,
                          r.unallocated_ha, r.consumed_ha,
                          r.committed_ha, r.pene_ha, r.exempt_ha, r.transfers_in_ha, r.transfers_out_ha,
                          r.remaining_ha, status_name(r.status)});
    if (with_geometries) {
      auto it = geometries.find(r.code);
      table.geometries_wkb.push_back(it == geometries.end() ? std::string() : it->second);
    }
  }
  table.metadata["regime"] = ledger.regime_id + (ledger.regime_is_proposal ? " (PROPOSAL, not law)" : "");
  table.metadata["scenario"] = ledger.scenario;
  table.metadata["consumed_through_year"] = std::to_string(ledger.consumed_through_year);
  if (ledger.consumption_is_synthetic) table.metadata["synthetic_inputs"] = "enaf_consumption";
  return table;
}

}  // namespace zanplan
