#include "zanplan/envelope.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "ogr/handles.hpp"
#include "workspace/layers.hpp"

namespace zanplan {

MappedTargets read_mapped_targets(const std::filesystem::path& path) {
  auto dataset = workspace::open_existing(path);
  OGRLayer& layer = workspace::require_layer(*dataset, path, "zan_targets");
  const int level = workspace::require_column(layer, path, "level");
  const int territory = workspace::require_column(layer, path, "territory_id");
  const int key = workspace::require_column(layer, path, "territory_key");
  const int reduction = workspace::require_column(layer, path, "reduction_pct");
  const int mapped = workspace::require_column(layer, path, "mapped");
  const int scot_id = workspace::require_column(layer, path, "scot_id");
  MappedTargets table;
  for (auto& f : layer) {
    if (f->GetFieldAsInteger(mapped) != 1) continue;
    const ZanTarget target{f->GetFieldAsDouble(reduction), f->GetFieldAsString(key)};
    const std::string kind = f->GetFieldAsString(level);
    if (kind == "scot") table.scot[f->GetFieldAsString(scot_id)] = target;
    else if (kind == "epci") table.epci[f->GetFieldAsString(territory)] = target;
    else if (kind == "region") table.region = target;
  }
  return table;
}

std::string cerema_naf_column(int year) {
  return fmt::format("naf{:02d}art{:02d}", year % 100, (year + 1) % 100);
}

namespace {

constexpr double square_metres_per_hectare = 10'000.0;


// The most specific target: the commune's SCoT, else its EPCI, else the region's SRADDET
// figure, else the national reduction (the SRADDET territorialises by SCoT, or by EPCI
// where no SCoT covers it).
ZanTarget target_for(const MappedTargets& targets, const std::string& scot, const std::string& epci,
                  const LegalRegime& regime) {
  if (auto it = targets.scot.find(scot); !scot.empty() && it != targets.scot.end()) return it->second;
  if (auto it = targets.epci.find(epci); !epci.empty() && it != targets.epci.end()) return it->second;
  if (targets.region) return *targets.region;
  return {regime.national_reduction_pct, "national (" + regime.id + ")"};
}

bool layer_is_synthetic(GDALDataset& dataset, const char* name) {
  OGRLayer* provenance = dataset.GetLayerByName("zanplan_layers");
  if (provenance == nullptr) return false;
  for (auto& f : *provenance) {
    if (std::string(f->GetFieldAsString("layer")) == name) return std::string(f->GetFieldAsString("provenance")) == "synthetic";
  }
  return false;
}

}  // namespace

EnvelopeBook commune_envelopes(const std::filesystem::path& path, const LegalRegime& regime) {
  auto dataset = workspace::open_existing(path);
  EnvelopeBook book;
  book.regime_id = regime.id;
  book.consumption_is_synthetic = layer_is_synthetic(*dataset, "enaf_consumption");
  const MappedTargets targets = read_mapped_targets(path);

  OGRLayer& communes = workspace::require_layer(*dataset, path, "communes");
  const int code = workspace::require_column(communes, path, "code");
  const int name = workspace::require_column(communes, path, "nom");
  const int scot = workspace::require_column(communes, path, "scot_id");
  const int epci = workspace::require_column(communes, path, "epci_siren");
  communes.SetIgnoredFields(std::vector<const char*>{"OGR_GEOMETRY", nullptr}.data());
  for (auto& f : communes) {
    CommuneEnvelope e;
    e.commune = f->GetFieldAsString(code);
    e.name = f->GetFieldAsString(name);
    const ZanTarget target = target_for(targets, f->GetFieldAsString(scot), f->GetFieldAsString(epci), regime);
    e.reduction_pct = target.reduction_pct;
    e.target_source = target.key;
    book.communes.emplace(e.commune, std::move(e));
  }
  communes.SetIgnoredFields(nullptr);

  OGRLayer& consumption = workspace::require_layer(*dataset, path, "enaf_consumption");
  const int idcom = workspace::require_column(consumption, path, "idcom");
  std::vector<int> reference_columns;
  for (int y = regime.reference_period.first_year; y <= regime.reference_period.last_year; ++y) {
    reference_columns.push_back(workspace::require_column(consumption, path, cerema_naf_column(y)));
  }
  // The tranche is counted as far as the file goes (the 2009-2023 edition ends on 1 Jan 2023).
  std::vector<int> tranche_columns;
  int through = regime.first_tranche.first_year - 1;
  for (int y = regime.first_tranche.first_year; y <= regime.first_tranche.last_year; ++y) {
    const int index = consumption.GetLayerDefn()->GetFieldIndex(cerema_naf_column(y).c_str());
    if (index < 0) break;
    tranche_columns.push_back(index);
    through = y;
  }
  for (auto& f : consumption) {
    auto it = book.communes.find(f->GetFieldAsString(idcom));
    if (it == book.communes.end()) continue;
    CommuneEnvelope& e = it->second;
    double reference = 0, consumed = 0;
    for (int c : reference_columns) reference += f->GetFieldAsDouble(c);
    for (int c : tranche_columns) consumed += f->GetFieldAsDouble(c);
    e.reference_ha = reference / square_metres_per_hectare;
    e.consumed_ha = consumed / square_metres_per_hectare;
    e.consumed_through_year = through;
  }
  for (auto& [_, e] : book.communes) {
    const double reduced = e.reference_ha * (1.0 - e.reduction_pct / 100.0);
    // Communal guarantee (eligibility is assumed: the planning-document condition is not in
    // the workspace; docs/zan-rules.md says so).
    e.guarantee_applied = reduced < regime.communal_guarantee_ha;
    e.envelope_ha = std::max(reduced, regime.communal_guarantee_ha);
    e.remaining_ha = e.envelope_ha - e.consumed_ha;
  }
  return book;
}

}  // namespace zanplan
