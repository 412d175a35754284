#include <algorithm>

#include <fmt/format.h>

#include "import/context.hpp"

namespace zanplan::importer {

SourceEntry combined_entry(const std::vector<const SourceEntry*>& entries, const std::string& provenance) {
  if (entries.empty()) throw Error(ErrorKind::internal, "combined_entry needs at least one entry");
  auto add_distinct = [](std::vector<std::string>& list, const std::string& item) {
    if (!item.empty() && std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
  };
  std::vector<std::string> files, sources, licences, notes;
  for (const auto* entry : entries) {
    files.push_back(entry->file.string());
    add_distinct(sources, entry->source);
    add_distinct(licences, entry->licence);
    add_distinct(notes, entry->notes);
  }
  SourceEntry out = *entries.front();
  if (!provenance.empty()) out.provenance = provenance;
  out.file = fmt::format("{}", fmt::join(files, ";"));
  out.source = fmt::format("{}", fmt::join(sources, "; "));
  out.licence = fmt::format("{}", fmt::join(licences, "; "));
  out.notes = fmt::format("{}", fmt::join(notes, "; "));
  return out;
}

}  // namespace zanplan::importer
