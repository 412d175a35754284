// SCoT membership: Docurba groupements (syndicate → EPCI → communes) and the sparte custom
// SCoTs, then one SCoT per commune.
#include <algorithm>
#include <tuple>

#include "admin/admin_import.hpp"
#include "admin/json_input.hpp"
#include "text/csv.hpp"
#include "zanplan/error.hpp"

namespace zanplan::importer::admin {

namespace {

constexpr std::size_t siren_length = 9;

struct Groupement {
  std::string id;
  std::string siren;
  std::string name;
  bool skill_scot = false;
  std::vector<std::string> members;
};

std::map<std::string, Groupement> read_groupements(const std::filesystem::path& path) {
  const auto document = read_json_file(path);
  const auto& records = require_array(document, path);
  std::map<std::string, Groupement> groupements;
  std::int64_t index = 0;
  for (const auto& item : records) {
    const JsonRecord record(item, path, index++);
    if (!record.has("membersId")) record.fail("missing property", "membersId");
    Groupement groupement{.id = record.string("id"),
                          .siren = record.string("siren"),
                          .name = record.string("name"),
                          .skill_scot = record.boolean("skillSCoT"),
                          .members = record.strings("membersId")};
    if (!groupements.emplace(groupement.id, groupement).second) {
      record.fail("groupement " + groupement.id + " appears twice", "id");
    }
  }
  return groupements;
}

// Resolves groupement and EPCI ids to the region communes they contain. EPCI come from the
// EPCI list (current membership); other 9-digit ids from the groupements file; shorter ids
// are commune codes (those outside the region resolve to nothing).
class MemberResolver {
 public:
  MemberResolver(const std::map<std::string, Groupement>& groupements, const EpciList& epcis,
                 const std::unordered_map<std::string, std::string>& current_code)
      : groupements_(groupements), epcis_(epcis), current_code_(current_code) {}

  // Communes of `id`; ids that match nothing are appended to `unresolved` as
  // "parent → member".
  std::set<std::string> communes_of(const std::string& id, std::vector<std::string>& unresolved) const {
    std::set<std::string> communes;
    std::set<std::string> visiting;
    add(id, {}, communes, visiting, unresolved);
    return communes;
  }

 private:
  void add(const std::string& id, const std::string& parent, std::set<std::string>& communes,
           std::set<std::string>& visiting, std::vector<std::string>& unresolved) const {
    if (auto epci = epcis_.by_siren.find(id); epci != epcis_.by_siren.end()) {
      communes.insert(epci->second.members_in_region.begin(), epci->second.members_in_region.end());
      return;
    }
    if (auto groupement = groupements_.find(id); groupement != groupements_.end()) {
      if (!visiting.insert(id).second) return;  // a membership cycle adds nothing new
      for (const auto& member : groupement->second.members) add(member, id, communes, visiting, unresolved);
      return;
    }
    if (id.size() == siren_length) {
      unresolved.push_back(parent + " → " + id);
      return;
    }
    if (auto current = current_code_.find(id); current != current_code_.end()) communes.insert(current->second);
  }

  const std::map<std::string, Groupement>& groupements_;
  const EpciList& epcis_;
  const std::unordered_map<std::string, std::string>& current_code_;
};

}  // namespace

ScotSources read_docurba_scots(const std::filesystem::path& path, const EpciList& epcis,
                               const std::unordered_map<std::string, std::string>& current_code) {
  const auto groupements = read_groupements(path);
  const MemberResolver resolver(groupements, epcis, current_code);

  ScotSources result;
  std::vector<Scot> epci_scots;
  std::set<std::string> listed_by_syndicates;
  for (const auto& [id, groupement] : groupements) {
    if (!groupement.skill_scot) continue;
    std::vector<std::string> unresolved;
    auto communes = resolver.communes_of(id, unresolved);
    if (communes.empty()) continue;
    const bool is_epci = epcis.by_siren.contains(id);
    Scot scot{.id = groupement.siren,
              .nom = groupement.name,
              .siren = groupement.siren,
              .source = "docurba",
              .tier = is_epci ? ScotTier::epci : ScotTier::syndicate,
              .members = std::move(communes)};
    if (is_epci) {
      epci_scots.push_back(std::move(scot));
    } else {
      listed_by_syndicates.insert(groupement.members.begin(), groupement.members.end());
      result.unresolved_members.insert(result.unresolved_members.end(), unresolved.begin(), unresolved.end());
      result.scots.push_back(std::move(scot));
    }
  }
  // An EPCI that is a member of a SCoT syndicate has handed the competence over to it.
  for (auto& scot : epci_scots) {
    if (!listed_by_syndicates.contains(scot.siren)) result.scots.push_back(std::move(scot));
  }
  return result;
}

ScotSources read_custom_scots(const std::filesystem::path& lands, const std::filesystem::path& communes,
                              const std::unordered_map<std::string, std::string>& current_code) {
  const text::CsvOptions comma{.separator = ','};
  const auto land_table = text::CsvTable::read(lands, comma);
  const std::size_t id_column = land_table.column("id");
  const std::size_t name_column = land_table.column("name");
  std::map<std::string, Scot> by_id;
  for (std::size_t i = 0; i < land_table.size(); ++i) {
    const auto row = land_table.row(i);
    const std::string& id = row.at(id_column);
    if (id.empty()) throw_input("empty custom land id", {.file = lands.string(), .line = row.line(), .key = "id"});
    by_id[id] = Scot{.id = id, .nom = row.at(name_column), .siren = {}, .source = "sparte-custom",
                     .tier = ScotTier::custom, .members = {}};
  }

  ScotSources result;
  const auto member_table = text::CsvTable::read(communes, comma);
  const std::size_t land_column = member_table.column("custom_land_id");
  const std::size_t code_column = member_table.column("commune_code");
  for (std::size_t i = 0; i < member_table.size(); ++i) {
    const auto row = member_table.row(i);
    auto land = by_id.find(row.at(land_column));
    if (land == by_id.end()) {
      throw_input("custom land '" + row.at(land_column) + "' is not listed in " + lands.filename().string(),
                  {.file = communes.string(), .line = row.line(), .key = "custom_land_id"});
    }
    auto current = current_code.find(row.at(code_column));
    if (current == current_code.end()) {
      result.unknown_custom_codes.push_back(row.at(code_column));
      continue;
    }
    land->second.members.insert(current->second);
  }
  for (auto& [id, scot] : by_id) {
    if (scot.members.empty()) {
      result.unresolved_members.push_back(id + ": no commune in the region");
      continue;
    }
    result.scots.push_back(std::move(scot));
  }
  return result;
}

ScotAssignment assign_scots(const std::vector<Scot>& scots) {
  std::vector<const Scot*> order;
  for (const auto& scot : scots) order.push_back(&scot);
  std::sort(order.begin(), order.end(), [](const Scot* a, const Scot* b) {
    return std::tie(a->tier, a->id) < std::tie(b->tier, b->id);
  });

  ScotAssignment assignment;
  std::map<std::string, std::size_t> overlap_of;
  for (const Scot* scot : order) {
    bool kept_any = false;
    for (const auto& commune : scot->members) {
      auto [it, inserted] = assignment.scot_of_commune.emplace(commune, scot->id);
      if (inserted) {
        kept_any = true;
        continue;
      }
      auto [slot, fresh] = overlap_of.emplace(commune, assignment.overlaps.size());
      if (fresh) assignment.overlaps.push_back({.commune = commune, .kept = it->second, .dropped = {}});
      assignment.overlaps[slot->second].dropped.push_back(scot->id);
    }
    if (!kept_any) assignment.empty_scots.push_back(scot->id);
  }
  std::sort(assignment.overlaps.begin(), assignment.overlaps.end(),
            [](const ScotOverlap& a, const ScotOverlap& b) { return a.commune < b.commune; });
  return assignment;
}

}  // namespace zanplan::importer::admin
