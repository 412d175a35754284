#include "zanplan/envelope.hpp"

#include <algorithm>
#include <numeric>

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
  const int reason = layer.GetLayerDefn()->GetFieldIndex("unmapped_reason");  // older workspaces lack it
  MappedTargets table;
  const workspace::ReadCheck check(path, "zan_targets");
  for (auto& f : layer) {
    const std::string published = f->GetFieldAsString(key);
    const bool joined = f->GetFieldAsInteger(mapped) == 1;
    if (published.starts_with("SCOT_")) {
      ++table.scot_keys_published;
      table.scot_keys_joined += joined ? 1 : 0;
    }
    if (!joined) {
      table.unjoined[published] = reason >= 0 ? f->GetFieldAsString(reason) : "not joined at import";
      continue;
    }
    const ZanTarget target{f->GetFieldAsDouble(reduction), f->GetFieldAsString(key)};
    const std::string kind = f->GetFieldAsString(level);
    const std::string scot = f->GetFieldAsString(scot_id);
    if (kind == "scot") {
      table.scot[scot] = target;
    } else if (kind == "epci") {
      table.epci[f->GetFieldAsString(territory)] = target;
      // An EPCI holding the SCoT competence itself: its target is its SCoT's.
      if (!scot.empty()) table.scot[scot] = target;
    } else if (kind == "region") {
      table.region = target;
    }
  }
  check.check();
  return table;
}

std::string cerema_naf_column(int year) {
  return fmt::format("naf{:02d}art{:02d}", year % 100, (year + 1) % 100);
}

std::string eligibility_name(GuaranteeEligibility eligibility) {
  switch (eligibility) {
    case GuaranteeEligibility::eligible:
      return "eligible";
    case GuaranteeEligibility::ineligible:
      return "ineligible";
    case GuaranteeEligibility::unknown:
      return "unknown";
  }
  return "?";
}

GuaranteeEligibility eligibility_of(const PlanningStatus& planning, const LegalRegime& regime) {
  if (planning.document == "rnu") return GuaranteeEligibility::ineligible;
  const bool qualifying_document = planning.document == "plu" || planning.document == "plui" ||
                                   planning.document == "carte_communale" ||
                                   planning.document == "document_en_tenant_lieu";
  const bool qualifying_stage =
      planning.stage == "prescribed" || planning.stage == "arrete" || planning.stage == "approved";
  if (!qualifying_document || !qualifying_stage || !planning.date) return GuaranteeEligibility::unknown;
  return *planning.date < regime.guarantee_documents_before ? GuaranteeEligibility::eligible
                                                            : GuaranteeEligibility::ineligible;
}

double guarantee_floor_ha(const LegalRegime& regime, int communes_deleguees) {
  const int beyond_first = std::max(communes_deleguees - 1, 0);
  const double floor = regime.communal_guarantee_ha + regime.commune_nouvelle_extra_ha * beyond_first;
  return std::min(floor, std::max(regime.commune_nouvelle_cap_ha, regime.communal_guarantee_ha));
}

FloorAllocation allocate_with_floors(double envelope, std::span<const double> shares, std::span<const double> floors) {
  const std::size_t n = shares.size();
  FloorAllocation out{std::vector<double>(n, 0.0), std::vector<bool>(n, false), false};
  const double all_floors = std::accumulate(floors.begin(), floors.end(), 0.0);
  if (all_floors > envelope) {
    // The floors alone do not fit: each gets its part of the envelope, the rest nothing.
    out.floors_exceed_envelope = true;
    for (std::size_t i = 0; i < n; ++i) {
      out.hectares[i] = all_floors > 0 ? envelope * floors[i] / all_floors : 0.0;
      out.raised[i] = floors[i] > 0;
    }
    return out;
  }
  double scale = 1.0;  // applied to the shares of the communes above their floor
  for (bool changed = true; changed;) {
    changed = false;
    double held = 0, free_shares = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (out.raised[i]) held += floors[i];
      else free_shares += shares[i];
    }
    scale = free_shares > 0 ? (envelope - held) / free_shares : 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!out.raised[i] && floors[i] > 0 && shares[i] * scale < floors[i]) {
        out.raised[i] = true;
        changed = true;
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) out.hectares[i] = out.raised[i] ? floors[i] : shares[i] * scale;
  return out;
}

namespace {

constexpr double square_metres_per_hectare = 10'000.0;

// The most specific target: the commune's SCoT, else its EPCI, else the region's SRADDET
// figure, else the regime's minimum for a SRADDET region (the SRADDET territorialises by
// SCoT, or by EPCI where no SCoT covers it).
ZanTarget target_for(const MappedTargets& targets, const std::string& scot, const std::string& epci,
                     const LegalRegime& regime) {
  if (auto it = targets.scot.find(scot); !scot.empty() && it != targets.scot.end()) return it->second;
  if (auto it = targets.epci.find(epci); !epci.empty() && it != targets.epci.end()) return it->second;
  if (targets.region) return *targets.region;
  return {regime.region_fallback_pct(), "regime minimum (" + regime.id + ")"};
}

bool layer_is_synthetic(GDALDataset& dataset, const char* name) {
  OGRLayer* provenance = dataset.GetLayerByName("zanplan_layers");
  if (provenance == nullptr) return false;
  for (auto& f : *provenance) {
    if (std::string(f->GetFieldAsString("layer")) == name) return std::string(f->GetFieldAsString("provenance")) == "synthetic";
  }
  return false;
}

// Columns a workspace imported before the guarantee inputs existed lacks: then every commune
// has an unknown status and no commune déléguée.
struct OptionalColumns {
  int document = -1, stage = -1, date = -1, pooled = -1, deleguees = -1;
};

std::string text_or_empty(OGRFeature& f, int index) {
  return index >= 0 && f.IsFieldSetAndNotNull(index) ? f.GetFieldAsString(index) : "";
}

void read_communes(GDALDataset& dataset, const std::filesystem::path& path, const LegalRegime& regime,
                   const MappedTargets& targets, EnvelopeBook& book) {
  OGRLayer& communes = workspace::require_layer(dataset, path, "communes");
  const int code = workspace::require_column(communes, path, "code");
  const int name = workspace::require_column(communes, path, "nom");
  const int scot = workspace::require_column(communes, path, "scot_id");
  const int epci = workspace::require_column(communes, path, "epci_siren");
  OGRFeatureDefn* definition = communes.GetLayerDefn();
  const OptionalColumns optional{definition->GetFieldIndex("planning_document"),
                                 definition->GetFieldIndex("planning_stage"),
                                 definition->GetFieldIndex("planning_date"),
                                 definition->GetFieldIndex("guarantee_pooled"),
                                 definition->GetFieldIndex("communes_deleguees")};
  communes.SetIgnoredFields(std::vector<const char*>{"OGR_GEOMETRY", nullptr}.data());
  for (auto& f : communes) {
    CommuneEnvelope e;
    e.commune = f->GetFieldAsString(code);
    e.name = f->GetFieldAsString(name);
    e.epci = f->GetFieldAsString(epci);
    const ZanTarget target = target_for(targets, f->GetFieldAsString(scot), e.epci, regime);
    e.reduction_pct = target.reduction_pct;
    e.target_source = target.key;
    e.planning.document = text_or_empty(*f, optional.document);
    e.planning.stage = text_or_empty(*f, optional.stage);
    e.planning.date = parse_date(text_or_empty(*f, optional.date));
    e.planning.pooled = optional.pooled >= 0 && f->GetFieldAsInteger(optional.pooled) == 1;
    e.communes_deleguees = optional.deleguees >= 0 ? f->GetFieldAsInteger(optional.deleguees) : 0;
    e.eligibility = eligibility_of(e.planning, regime);
    if (e.eligibility == GuaranteeEligibility::eligible) e.guarantee_floor_ha = guarantee_floor_ha(regime, e.communes_deleguees);
    ++book.eligibility_counts[e.eligibility];
    book.communes.emplace(e.commune, std::move(e));
  }
  communes.SetIgnoredFields(nullptr);
}

void read_consumption(GDALDataset& dataset, const std::filesystem::path& path, const LegalRegime& regime,
                      EnvelopeBook& book) {
  OGRLayer& consumption = workspace::require_layer(dataset, path, "enaf_consumption");
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
}

// Inside each target's envelope, the communes' shares with the guarantee floors; a pooled
// commune keeps its own share and its EPCI holds the raise.
void allocate_groups(EnvelopeBook& book) {
  std::map<std::string, std::vector<CommuneEnvelope*>> members;
  for (auto& [_, e] : book.communes) members[e.target_source].push_back(&e);
  for (auto& [source, communes] : members) {
    EnvelopeGroup group{source, communes.front()->reduction_pct, 0, 0, communes.size(), 0, false};
    std::vector<double> shares, floors;
    for (CommuneEnvelope* e : communes) {
      e->proportional_ha = e->reference_ha * (1.0 - e->reduction_pct / 100.0);
      group.reference_ha += e->reference_ha;
      group.envelope_ha += e->proportional_ha;
      shares.push_back(e->proportional_ha);
      floors.push_back(e->guarantee_floor_ha);
    }
    const FloorAllocation allocation = allocate_with_floors(group.envelope_ha, shares, floors);
    group.floors_exceed_envelope = allocation.floors_exceed_envelope;
    for (std::size_t i = 0; i < communes.size(); ++i) {
      CommuneEnvelope& e = *communes[i];
      e.envelope_ha = allocation.hectares[i];
      e.guarantee_applied = allocation.raised[i] && allocation.hectares[i] > e.proportional_ha;
      group.raised += e.guarantee_applied ? 1 : 0;
      if (e.guarantee_applied && e.planning.pooled && !e.epci.empty()) {
        e.pooled_guarantee_ha = e.envelope_ha - e.proportional_ha;
        e.envelope_ha = e.proportional_ha;
      }
      e.remaining_ha = e.envelope_ha - e.consumed_ha;
    }
    book.groups.push_back(std::move(group));
  }
}

}  // namespace

EnvelopeBook commune_envelopes(const std::filesystem::path& path, const LegalRegime& regime) {
  auto dataset = workspace::open_existing(path);
  EnvelopeBook book;
  book.regime_id = regime.id;
  {
    const workspace::ReadCheck check(path, "zanplan_layers");
    book.consumption_is_synthetic = layer_is_synthetic(*dataset, "enaf_consumption");
    check.check();
  }
  const MappedTargets targets = read_mapped_targets(path);
  book.scot_keys_published = targets.scot_keys_published;
  book.scot_keys_joined = targets.scot_keys_joined;
  book.unjoined_targets = targets.unjoined;
  {
    const workspace::ReadCheck check(path, "communes");
    read_communes(*dataset, path, regime, targets, book);
    check.check();
  }
  {
    const workspace::ReadCheck check(path, "enaf_consumption");
    read_consumption(*dataset, path, regime, book);
    check.check();
  }
  allocate_groups(book);

  const ZanTarget region = targets.region.value_or(ZanTarget{regime.region_fallback_pct(), "regime minimum (" + regime.id + ")"});
  book.region_reduction_pct = region.reduction_pct;
  book.region_target_source = region.key;
  double territories = 0;
  for (const auto& [_, e] : book.communes) book.region_reference_ha += e.reference_ha;
  for (const auto& group : book.groups) territories += group.envelope_ha;
  book.region_envelope_ha = book.region_reference_ha * (1.0 - region.reduction_pct / 100.0);
  book.unallocated_ha = book.region_envelope_ha - territories;
  return book;
}

}  // namespace zanplan
