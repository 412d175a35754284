// The admin stage: reads the commune, EPCI, SCoT and target sources and writes the
// workspace layers communes, epci, scot and zan_targets (docs/workspace.md).
#include "admin/admin_import.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "admin/geometry.hpp"
#include "ogr/handles.hpp"
#include "zanplan/error.hpp"

namespace zanplan::importer {

namespace {

using namespace admin;

constexpr double square_metres_per_hectare = 10'000.0;
constexpr std::size_t listed_commune_limit = 5;

// Runs `write` inside one GeoPackage transaction (much faster for bulk inserts).
template <class Write>
void in_transaction(GDALDataset& dataset, const std::string& layer, Write&& write) {
  const bool started = dataset.StartTransaction() == OGRERR_NONE;
  write();
  if (started && dataset.CommitTransaction() != OGRERR_NONE) throw_output("cannot commit the layer", {.layer = layer});
}

std::string joined(const std::vector<std::string>& items, const std::string& separator = ", ") {
  return fmt::format("{}", fmt::join(items, separator));
}

struct AdminData {
  CommuneList list;
  CommuneShapes shapes;
  EpciList epcis;
  std::vector<Scot> scots;
  ScotSources docurba;
  ScotSources custom;
  ScotAssignment assignment;
  std::map<std::string, PlanningRecord> planning;  // communal guarantee inputs, by commune
  bool planning_given = false;                     // sources list a communal_guarantee file
};

// ---- communes -------------------------------------------------------------------------

std::string value_or_empty(const std::map<std::string, std::string>& map, const std::string& key) {
  auto it = map.find(key);
  return it == map.end() ? std::string{} : it->second;
}

void write_communes(Context& context, const AdminData& data) {
  OGRLayer& layer = context.builder.create_layer(
      "communes", wkbMultiPolygon,
      {{"code"}, {"nom"}, {"departement"}, {"epci_siren"}, {"scot_id"}, {"population", OFTInteger64}, {"area_ha", OFTReal},
       {"communes_deleguees", OFTInteger}, {"planning_document"}, {"planning_stage"}, {"planning_date"},
       {"guarantee_pooled", OFTInteger}});
  auto& geos_context = geos::Context::current();
  in_transaction(context.builder.dataset(), "communes", [&] {
    for (const auto& commune : data.list.communes) {
      const GEOSGeometry& shape = *data.shapes.by_code.at(commune.code);
      OGRFeature feature(layer.GetLayerDefn());
      feature.SetField("code", commune.code.c_str());
      feature.SetField("nom", commune.nom.c_str());
      feature.SetField("departement", commune.departement.c_str());
      feature.SetField("epci_siren", value_or_empty(data.epcis.epci_of_commune, commune.code).c_str());
      feature.SetField("scot_id", value_or_empty(data.assignment.scot_of_commune, commune.code).c_str());
      if (commune.population) {
        feature.SetField("population", static_cast<GIntBig>(*commune.population));
      } else {
        feature.SetFieldNull(feature.GetFieldIndex("population"));
      }
      feature.SetField("area_ha", area_of(geos_context, shape) / square_metres_per_hectare);
      feature.SetField("communes_deleguees", commune.communes_deleguees);
      // Unknown planning status stays empty (never assumed eligible).
      const auto planning = data.planning.find(commune.code);
      const PlanningRecord record = planning != data.planning.end() ? planning->second : PlanningRecord{};
      feature.SetField("planning_document", record.document.c_str());
      feature.SetField("planning_stage", record.stage.c_str());
      feature.SetField("planning_date", record.date.c_str());
      feature.SetField("guarantee_pooled", record.pooled ? 1 : 0);
      feature.SetGeometryDirectly(to_ogr_multipolygon(geos_context, shape).release());
      workspace::add_feature(layer, feature);
    }
  });
}

std::string communes_notes(const AdminData& data) {
  std::vector<std::string> notes;
  notes.push_back(fmt::format("{} polygons of obsolete codes unioned into their current commune ({})",
                              data.shapes.remapped.size(), joined(data.shapes.remapped)));
  notes.push_back(fmt::format("{} invalid geometries repaired with GEOSMakeValid", data.shapes.repaired));
  notes.push_back(fmt::format("nom, departement, population from commune_list ({} communes without population)",
                              data.list.without_population));
  if (data.list.conflicting_old_codes > 0) {
    notes.push_back(fmt::format("{} anciensCodes claimed by two communes were ignored", data.list.conflicting_old_codes));
  }
  const auto without_epci = data.list.communes.size() - data.epcis.epci_of_commune.size();
  notes.push_back(fmt::format("epci_siren from epci_list membres ({} communes without EPCI)", without_epci));
  for (const auto& [commune, others] : data.epcis.extra_memberships) {
    notes.push_back(fmt::format("commune {} is also listed by EPCI {}: kept {} (lowest SIREN)", commune,
                                joined(others), data.epcis.epci_of_commune.at(commune)));
  }
  std::size_t nouvelles = 0;
  for (const auto& commune : data.list.communes) nouvelles += commune.communes_deleguees > 0 ? 1 : 0;
  notes.push_back(fmt::format("communes_deleguees from commune_list (commune-deleguee entries by chefLieu; {} communes "
                              "nouvelles)",
                              nouvelles));
  notes.push_back(data.planning_given
                      ? fmt::format("planning_document, planning_stage, planning_date, guarantee_pooled from "
                                    "communal_guarantee ({} of {} communes; the others unknown)",
                                    data.planning.size(), data.list.communes.size())
                      : std::string("planning status unknown for every commune (no communal_guarantee source)"));
  const auto without_scot = data.list.communes.size() - data.assignment.scot_of_commune.size();
  notes.push_back(fmt::format("scot_id as resolved for layer scot ({} communes in no SCoT, {} in several: see scot)",
                              without_scot, data.assignment.overlaps.size()));
  return joined(notes, "; ");
}

// ---- EPCI and SCoT --------------------------------------------------------------------

geos::GeometryPtr union_of_communes(const AdminData& data, const std::vector<std::string>& codes) {
  std::vector<const GEOSGeometry*> parts;
  parts.reserve(codes.size());
  for (const auto& code : codes) parts.push_back(data.shapes.by_code.at(code).get());
  return union_of(geos::Context::current(), parts);
}

void write_epci(Context& context, const AdminData& data) {
  OGRLayer& layer = context.builder.create_layer(
      "epci", wkbMultiPolygon,
      {{"siren"}, {"nom"}, {"type"}, {"member_count", OFTInteger}, {"member_count_total", OFTInteger}});
  const auto epcis = data.epcis.in_region();
  in_transaction(context.builder.dataset(), "epci", [&] {
    for (std::size_t i = 0; i < epcis.size(); ++i) {
      const Epci& epci = *epcis[i];
      OGRFeature feature(layer.GetLayerDefn());
      feature.SetField("siren", epci.siren.c_str());
      feature.SetField("nom", epci.nom.c_str());
      feature.SetField("type", epci.type.c_str());
      feature.SetField("member_count", static_cast<int>(epci.members_in_region.size()));
      feature.SetField("member_count_total", epci.member_count_total);
      auto shape = union_of_communes(data, epci.members_in_region);
      feature.SetGeometryDirectly(to_ogr_multipolygon(geos::Context::current(), *shape).release());
      workspace::add_feature(layer, feature);
      context.progress("EPCI", static_cast<double>(i + 1) / static_cast<double>(epcis.size()));
    }
  });
}

std::string epci_notes(const AdminData& data) {
  std::vector<std::string> straddling;
  for (const Epci* epci : data.epcis.in_region()) {
    if (static_cast<int>(epci->members_in_region.size()) < epci->member_count_total) {
      straddling.push_back(fmt::format("{} {} ({}/{})", epci->siren, epci->nom, epci->members_in_region.size(),
                                       epci->member_count_total));
    }
  }
  return fmt::format(
      "EPCI of epci_list with member communes in the region (membres[].code); geometry = union of the member "
      "communes in the region; {} EPCI straddle the region border (members in region/total): {}",
      straddling.size(), straddling.empty() ? std::string("none") : joined(straddling));
}

// Communes assigned to each SCoT, in SCoT id order.
std::map<std::string, std::vector<std::string>> assigned_members(const ScotAssignment& assignment) {
  std::map<std::string, std::vector<std::string>> members;
  for (const auto& [commune, scot] : assignment.scot_of_commune) members[scot].push_back(commune);
  return members;
}

void write_scot(Context& context, const AdminData& data) {
  OGRLayer& layer = context.builder.create_layer("scot", wkbMultiPolygon, {{"scot_id"}, {"nom"}, {"siren"}, {"source"}});
  const auto members = assigned_members(data.assignment);
  std::map<std::string, const Scot*> by_id;
  for (const auto& scot : data.scots) by_id.emplace(scot.id, &scot);
  in_transaction(context.builder.dataset(), "scot", [&] {
    for (const auto& [id, codes] : members) {
      const Scot& scot = *by_id.at(id);
      OGRFeature feature(layer.GetLayerDefn());
      feature.SetField("scot_id", scot.id.c_str());
      feature.SetField("nom", scot.nom.c_str());
      feature.SetField("siren", scot.siren.c_str());
      feature.SetField("source", scot.source.c_str());
      auto shape = union_of_communes(data, codes);
      feature.SetGeometryDirectly(to_ogr_multipolygon(geos::Context::current(), *shape).release());
      workspace::add_feature(layer, feature);
    }
  });
}

// "kept over dropped: n communes (codes…)", one entry per pair.
std::vector<std::string> overlap_summary(const ScotAssignment& assignment) {
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> by_pair;
  for (const auto& overlap : assignment.overlaps) {
    by_pair[{overlap.kept, joined(overlap.dropped, "+")}].push_back(overlap.commune);
  }
  std::vector<std::string> out;
  for (const auto& [pair, communes] : by_pair) {
    std::string line = fmt::format("kept {} over {} for {} communes", pair.first, pair.second, communes.size());
    if (communes.size() <= listed_commune_limit) line += " (" + joined(communes) + ")";
    out.push_back(line);
  }
  return out;
}

std::string scot_notes(const AdminData& data) {
  std::size_t syndicates = 0;
  std::size_t epci_level = 0;
  std::size_t custom = 0;
  for (const auto& scot : data.scots) {
    (scot.tier == ScotTier::custom ? custom : scot.tier == ScotTier::epci ? epci_level : syndicates) += 1;
  }
  std::vector<std::string> notes;
  notes.push_back(fmt::format(
      "membership: {} Docurba syndicates with skillSCoT=true resolved syndicate → EPCI (epci_list) → communes; "
      "{} EPCI holding the SCoT competence themselves (skillSCoT=true, listed by no SCoT syndicate); "
      "{} sparte custom SCoTs (custom_scot_communes, COG codes remapped to current)",
      syndicates, epci_level, custom));
  notes.push_back(
      "one SCoT per commune: sparte-custom first, then syndicates, then EPCI, ties by ascending id; geometry = "
      "union of the communes assigned to the SCoT");
  const auto overlaps = overlap_summary(data.assignment);
  notes.push_back(fmt::format("{} communes belong to several SCoTs{}{}", data.assignment.overlaps.size(),
                              overlaps.empty() ? "" : ": ", joined(overlaps)));
  if (!data.assignment.empty_scots.empty()) {
    notes.push_back("omitted, every commune claimed by a SCoT of higher precedence: " +
                    joined(data.assignment.empty_scots));
  }
  std::vector<std::string> unresolved = data.docurba.unresolved_members;
  unresolved.insert(unresolved.end(), data.custom.unresolved_members.begin(), data.custom.unresolved_members.end());
  notes.push_back(fmt::format("{} unresolved members{}{}", unresolved.size(), unresolved.empty() ? "" : ": ",
                              joined(unresolved)));
  if (!data.custom.unknown_custom_codes.empty()) {
    notes.push_back(fmt::format("{} custom SCoT commune codes not in the region: {}",
                                data.custom.unknown_custom_codes.size(), joined(data.custom.unknown_custom_codes)));
  }
  const auto without_scot = data.list.communes.size() - data.assignment.scot_of_commune.size();
  notes.push_back(fmt::format("{} communes of the region are in no SCoT", without_scot));
  return joined(notes, "; ");
}

// ---- targets --------------------------------------------------------------------------

void write_targets(Context& context, const std::vector<ZanTarget>& targets) {
  OGRLayer& layer = context.builder.create_layer(
      "zan_targets", wkbNone,
      {{"territory_key"}, {"level"}, {"territory_id"}, {"parent_key"}, {"reduction_pct", OFTReal}, {"document"},
       {"mapped", OFTInteger}, {"scot_id"}, {"unmapped_reason"}});
  in_transaction(context.builder.dataset(), "zan_targets", [&] {
    for (const auto& target : targets) {
      OGRFeature feature(layer.GetLayerDefn());
      feature.SetField("territory_key", target.territory_key.c_str());
      feature.SetField("level", target.level.c_str());
      feature.SetField("territory_id", target.territory_id.c_str());
      feature.SetField("parent_key", target.parent_key.c_str());
      feature.SetField("reduction_pct", target.reduction_pct);
      feature.SetField("document", target.document.c_str());
      feature.SetField("mapped", target.mapped ? 1 : 0);
      feature.SetField("scot_id", target.scot_id.c_str());
      feature.SetField("unmapped_reason", target.unmapped_reason.c_str());
      workspace::add_feature(layer, feature);
    }
  });
}

std::string targets_notes(const std::vector<ZanTarget>& targets) {
  std::map<std::string, int> mapped;
  std::map<std::string, std::vector<std::string>> unmapped;
  int scot_keys = 0, scot_keys_joined = 0;
  for (const auto& target : targets) {
    if (target.territory_key.starts_with("SCOT_")) {
      ++scot_keys;
      scot_keys_joined += target.mapped ? 1 : 0;
    }
    if (target.mapped) {
      ++mapped[target.level];
    } else {
      unmapped[target.level].push_back(target.territory_key + " (" + target.unmapped_reason + ")");
    }
  }
  std::size_t unmapped_count = 0;
  for (const auto& [level, keys] : unmapped) unmapped_count += keys.size();
  std::vector<std::string> notes;
  notes.push_back(fmt::format("{} records: {} mapped (region {}, epci {}, scot {}), {} unmapped", targets.size(),
                              targets.size() - unmapped_count, mapped["region"], mapped["epci"], mapped["scot"],
                              unmapped_count));
  notes.push_back(fmt::format("SCoT targets of the SRADDET (SCOT_<SUDOCUH id>) joined: {} of {}", scot_keys_joined,
                              scot_keys));
  notes.push_back(
      "SCOT_<SUDOCUH id> joined through scot_crosswalk (to a workspace SCoT, or to an EPCI where the crosswalk says "
      "join = epci), CUSTOM_<id> through the sparte custom SCoT, EPCI_<siren> directly (scot_id also set when that "
      "EPCI is itself a workspace SCoT)");
  for (const auto& [level, keys] : unmapped) {
    notes.push_back(fmt::format("unmapped {} ({}; the ledger falls back to the parent target): {}", level,
                                keys.size(), joined(keys)));
  }
  return joined(notes, "; ");
}

// ---- stages ---------------------------------------------------------------------------

AdminData read_sources(Context& context) {
  const auto& sources = context.sources;
  AdminData data;
  context.progress("communes", 0.0);
  data.list = read_commune_list(sources.require("commune_list").resolved, sources.region_code);
  data.shapes = read_commune_shapes(sources.require("communes").resolved, data.list);
  context.progress("EPCI", 0.0);
  data.epcis = read_epci_list(sources.require("epci_list").resolved, data.list.current_code);
  context.progress("SCoT", 0.0);
  data.docurba = read_docurba_scots(sources.require("groupements").resolved, data.epcis, data.list.current_code);
  data.custom = read_custom_scots(sources.require("custom_scot").resolved,
                                  sources.require("custom_scot_communes").resolved, data.list.current_code);
  data.scots = data.custom.scots;
  data.scots.insert(data.scots.end(), data.docurba.scots.begin(), data.docurba.scots.end());
  data.assignment = assign_scots(data.scots);
  if (const SourceEntry* planning = sources.find("communal_guarantee"); planning != nullptr) {
    data.planning = read_planning_records(planning->resolved, data.list.current_code);
    data.planning_given = true;
  }
  return data;
}

TargetJoin target_join(const Context& context, const AdminData& data) {
  TargetJoin join{.region_code = context.sources.region_code,
                  .region_epcis = {},
                  .scot_ids = {},
                  .crosswalk = read_scot_crosswalk(context.sources.require("scot_crosswalk").resolved)};
  for (const Epci* epci : data.epcis.in_region()) join.region_epcis.insert(epci->siren);
  for (const auto& [commune, scot] : data.assignment.scot_of_commune) join.scot_ids.insert(scot);
  return join;
}

}  // namespace

void import_admin(Context& context) {
  const auto& sources = context.sources;
  AdminData data = read_sources(context);
  context.current_code = data.list.current_code;
  for (const auto& commune : data.list.communes) context.communes.insert(commune.code);

  write_communes(context, data);
  std::vector<const SourceEntry*> commune_sources{&sources.require("communes"), &sources.require("commune_list")};
  if (const SourceEntry* planning = sources.find("communal_guarantee"); planning != nullptr) {
    commune_sources.push_back(planning);
  }
  record_from_entry(context, "communes", combined_entry(commune_sources, "real"), communes_notes(data));
  write_epci(context, data);
  record_from_entry(context, "epci",
                    combined_entry({&sources.require("epci_list"), &sources.require("communes")}, "derived"),
                    epci_notes(data));
  write_scot(context, data);
  record_from_entry(context, "scot",
                    combined_entry({&sources.require("groupements"), &sources.require("epci_list"),
                                    &sources.require("custom_scot"), &sources.require("custom_scot_communes"),
                                    &sources.require("communes")},
                                   "derived"),
                    scot_notes(data));

  context.progress("ZAN targets", 0.0);
  const auto targets = read_zan_targets(sources.require("zan_targets").resolved, target_join(context, data));
  write_targets(context, targets);
  record_from_entry(context, "zan_targets",
                    combined_entry({&sources.require("zan_targets"), &sources.require("scot_crosswalk"),
                                    &sources.require("custom_scot")},
                                   "real"),
                    targets_notes(targets));
}

}  // namespace zanplan::importer
