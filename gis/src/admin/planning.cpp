// The communal guarantee's eligibility inputs: each commune's planning document, stage and
// date, and whether it pooled its guarantee at EPCI level.
#include <set>

#include "admin/admin_import.hpp"
#include "text/csv.hpp"
#include "zanplan/error.hpp"
#include "zanplan/regime.hpp"

namespace zanplan::importer::admin {

std::map<std::string, PlanningRecord> read_planning_records(
    const std::filesystem::path& path, const std::unordered_map<std::string, std::string>& current_code) {
  const auto table = text::CsvTable::read(path, {.separator = ','});
  for (const char* column : {"commune", "document", "stage", "date", "pooled", "source"}) (void)table.column(column);
  const std::set<std::string> documents{"plu", "plui", "carte_communale", "document_en_tenant_lieu", "rnu", "unknown"};
  const std::set<std::string> stages{"prescribed", "arrete", "approved", "unknown", ""};
  std::map<std::string, PlanningRecord> records;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto row = table.row(i);
    auto fail = [&](const std::string& column, const std::string& message) {
      throw_input(message, {.file = path.string(), .line = row.line(), .key = column});
    };
    auto current = current_code.find(row["commune"]);
    if (current == current_code.end()) fail("commune", "'" + row["commune"] + "' is not a commune of the region");
    PlanningRecord record;
    record.document = row["document"];
    if (!documents.contains(record.document)) {
      fail("document", "document must be plu, plui, carte_communale, document_en_tenant_lieu, rnu or unknown");
    }
    if (record.document == "unknown") record.document.clear();
    record.stage = row["stage"];
    if (!stages.contains(record.stage)) fail("stage", "stage must be prescribed, arrete, approved, unknown or empty");
    if (record.stage == "unknown") record.stage.clear();
    record.date = row["date"];
    if (!record.date.empty() && !parse_date(record.date)) fail("date", "date must be YYYY-MM-DD or empty");
    const std::string& pooled = row["pooled"];
    if (pooled != "yes" && pooled != "no") fail("pooled", "pooled must be yes or no");
    record.pooled = pooled == "yes";
    if (row["source"].empty()) fail("source", "every status must name its source");
    if (!records.emplace(current->second, record).second) fail("commune", "commune " + current->second + " appears twice");
  }
  return records;
}

}  // namespace zanplan::importer::admin
