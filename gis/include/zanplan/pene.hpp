// The region's projects of national or European scope (PENE) as data: the projects the
// arrêté of 31 May 2024 lists (annex I: charged to the national forfait; annex II: candidates
// only), as far as they could be established, with where each figure comes from.
// Layout: docs/zan-rules.md ("PENE list").
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace zanplan {

enum class PeneAnnex { annex_i, annex_ii, not_established };

struct PeneProject {
  std::string id, name, category;
  PeneAnnex annex = PeneAnnex::not_established;
  std::vector<std::string> communes;  // INSEE codes named by the source (may be partial)
  std::optional<double> hectares;     // ENAF hectares in the list, when known
  bool verified = false;              // checked against the arrêté's own text
  std::string source, notes;
};

struct PeneList {
  std::filesystem::path path;
  std::vector<PeneProject> projects;
  [[nodiscard]] const PeneProject* find(const std::string& id) const;
};

// Throws an input error naming the file, line and column of a malformed row.
PeneList load_pene_list(const std::filesystem::path& path);

// A project may be charged to the forfait as listed only when its entry is annex I; otherwise
// a usage error naming `key` says why and points to the explicit "assumed PENE" override.
const PeneProject& require_annex_i(const PeneList& list, const std::string& id, const std::string& key);

}  // namespace zanplan
