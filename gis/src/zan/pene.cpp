#include "zanplan/pene.hpp"

#include <sstream>

#include <fmt/format.h>

#include "text/csv.hpp"
#include "zanplan/error.hpp"

namespace zanplan {

const PeneProject* PeneList::find(const std::string& id) const {
  for (const auto& project : projects) {
    if (project.id == id) return &project;
  }
  return nullptr;
}

namespace {

[[noreturn]] void bad(const std::filesystem::path& path, std::int64_t line, const std::string& column,
                      const std::string& message) {
  throw_input(message, {.file = path.string(), .line = line, .key = column});
}

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

}  // namespace

PeneList load_pene_list(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) throw_input("PENE list not found", {.file = path.string()});
  const auto table = text::CsvTable::read(path, {.separator = ','});
  for (const char* column : {"id", "name", "category", "annex", "communes", "hectares", "verified", "source", "notes"}) {
    (void)table.column(column);
  }
  PeneList list;
  list.path = path;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto row = table.row(i);
    PeneProject p;
    p.id = row["id"];
    if (p.id.empty()) bad(path, row.line(), "id", "a PENE entry needs an id");
    if (list.find(p.id) != nullptr) bad(path, row.line(), "id", "PENE id '" + p.id + "' appears twice");
    p.name = row["name"];
    p.category = row["category"];
    const std::string& annex = row["annex"];
    if (annex == "I") p.annex = PeneAnnex::annex_i;
    else if (annex == "II") p.annex = PeneAnnex::annex_ii;
    else if (annex == "I-or-II") p.annex = PeneAnnex::not_established;
    else bad(path, row.line(), "annex", "annex must be I, II or I-or-II (not established), not '" + annex + "'");
    p.communes = words(row["communes"]);
    for (const auto& code : p.communes) {
      if (code.size() != 5) bad(path, row.line(), "communes", "'" + code + "' is not a 5-character INSEE code");
    }
    p.hectares = row.number("hectares");
    if (p.hectares && *p.hectares < 0) bad(path, row.line(), "hectares", "hectares must not be negative");
    const std::string& verified = row["verified"];
    if (verified != "yes" && verified != "no") bad(path, row.line(), "verified", "verified must be yes or no");
    p.verified = verified == "yes";
    p.source = row["source"];
    if (p.source.empty()) bad(path, row.line(), "source", "every PENE entry must name its source");
    p.notes = row["notes"];
    list.projects.push_back(std::move(p));
  }
  return list;
}

const PeneProject& require_annex_i(const PeneList& list, const std::string& id, const std::string& key) {
  const PeneProject* project = list.find(id);
  if (project == nullptr) {
    throw_usage(fmt::format("'{}' is not in the PENE list {}; a project not listed is PENE only with the explicit "
                            "--assume-pene override",
                            id, list.path.string()),
                {.file = list.path.string(), .key = key});
  }
  if (project->annex != PeneAnnex::annex_i) {
    throw_usage(fmt::format("PENE entry '{}' ({}) is {} in {}: only annex I projects are charged to the national "
                            "forfait; check the arrêté of 31 May 2024 and set its annex to I, or use --assume-pene",
                            id, project->name,
                            project->annex == PeneAnnex::annex_ii ? "an annex II candidate" : "of an annex not established",
                            list.path.string()),
                {.file = list.path.string(), .key = key});
  }
  return *project;
}

}  // namespace zanplan
