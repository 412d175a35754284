// EPCI à fiscalité propre and their member communes (Etalab epci.json).
#include <algorithm>

#include "admin/admin_import.hpp"
#include "admin/json_input.hpp"

namespace zanplan::importer::admin {

std::vector<const Epci*> EpciList::in_region() const {
  std::vector<const Epci*> out;
  for (const auto& [siren, epci] : by_siren) {
    if (!epci.members_in_region.empty()) out.push_back(&epci);
  }
  return out;
}

namespace {

// The member codes of one EPCI record (`membres[].code`).
std::vector<std::string> member_codes(const JsonRecord& record) {
  std::vector<std::string> codes;
  std::size_t position = 0;
  for (const auto& member : record.array("membres")) {
    const auto inner = record.nested(member, "membres[" + std::to_string(position++) + "]");
    codes.push_back(inner.string("code"));
  }
  return codes;
}

}  // namespace

EpciList read_epci_list(const std::filesystem::path& path,
                        const std::unordered_map<std::string, std::string>& current_code) {
  const auto document = read_json_file(path);
  const auto& records = require_array(document, path);
  EpciList list;
  std::int64_t index = 0;
  for (const auto& item : records) {
    const JsonRecord record(item, path, index++);
    Epci epci{.siren = record.string("code"), .nom = record.string("nom"), .type = record.string("type")};
    const auto codes = member_codes(record);
    epci.member_count_total = static_cast<int>(codes.size());
    for (const auto& code : codes) {
      auto current = current_code.find(code);
      if (current != current_code.end()) epci.members_in_region.push_back(current->second);
    }
    std::sort(epci.members_in_region.begin(), epci.members_in_region.end());
    epci.members_in_region.erase(std::unique(epci.members_in_region.begin(), epci.members_in_region.end()),
                                 epci.members_in_region.end());
    if (!list.by_siren.emplace(epci.siren, epci).second) record.fail("EPCI " + epci.siren + " appears twice", "code");
  }
  // By ascending SIREN, so that a commune listed twice keeps the lower SIREN.
  for (const auto& [siren, epci] : list.by_siren) {
    for (const auto& commune : epci.members_in_region) {
      if (!list.epci_of_commune.emplace(commune, siren).second) list.extra_memberships[commune].push_back(siren);
    }
  }
  return list;
}

}  // namespace zanplan::importer::admin
