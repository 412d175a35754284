// Import stage: the Cerema ENAF consumption file → attribute table `enaf_consumption`.
#include <map>
#include <optional>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "formats/cerema.hpp"
#include "formats/formats_import.hpp"
#include "text/csv.hpp"

namespace zanplan::importer {

namespace {

// Columns of the file that hold numbers: those of the layout that are not labels. Extra
// columns of a later edition are kept as text, since their meaning is unknown.
std::vector<bool> numeric_columns(const std::vector<std::string>& header) {
  const auto& layout = formats::cerema_layout();
  const std::set<std::string> known(layout.begin(), layout.end());
  std::vector<bool> numeric;
  numeric.reserve(header.size());
  for (const auto& column : header)
    numeric.push_back(known.contains(column) && !formats::cerema_is_text_column(column));
  return numeric;
}

struct Row {
  std::vector<std::string> text;               // every field as written
  std::vector<std::optional<double>> numbers;  // numeric columns (nullopt when empty)
};

class RowMerger {
 public:
  RowMerger(const std::vector<std::string>& header, std::vector<bool> numeric)
      : header_(header), numeric_(std::move(numeric)) {
    for (std::size_t i = 0; i < header.size(); ++i) index_.emplace(header[i], i);
  }

  // One row for the current commune `code`: the row itself, or, when communes merged since
  // the edition, the sum of their rows with the ratio columns recomputed.
  [[nodiscard]] Row merge(const std::string& code, const std::vector<const formats::CeremaRecord*>& records) const {
    const formats::CeremaRecord* primary = records.front();
    for (const auto* record : records) {
      if (record->commune == code) primary = record;
    }
    Row row{primary->raw, std::vector<std::optional<double>>(header_.size())};
    row.text[index_.at("idcom")] = code;
    for (std::size_t column = 0; column < header_.size(); ++column) {
      if (!numeric_[column]) continue;
      for (const auto* record : records) {
        const auto value = text::parse_number(record->raw[column]);
        if (value) row.numbers[column] = row.numbers[column].value_or(0.0) + *value;
      }
    }
    if (records.size() > 1) recompute_ratios(row);
    return row;
  }

 private:
  [[nodiscard]] double value(const Row& row, const std::string& column) const {
    auto it = index_.find(column);
    return it == index_.end() ? 0.0 : row.numbers[it->second].value_or(0.0);
  }

  void set(Row& row, const char* column, std::optional<double> value) const {
    auto it = index_.find(column);
    if (it == index_.end()) return;
    row.numbers[it->second] = value;
    row.text[it->second] = value ? fmt::format("{:.2f}", *value) : "";
  }

  void recompute_ratios(Row& row) const {
    double consumption_2014_2019 = 0.0;
    for (int year = 2014; year <= 2019; ++year)
      consumption_2014_2019 += value(row, formats::cerema_naf_column(year));
    const auto ratios =
        formats::cerema_ratios(value(row, "naf09art23"), value(row, "surfcom2023"), consumption_2014_2019,
                               value(row, "pop1420"), value(row, "men1420"), value(row, "emp1420"));
    set(row, "artcom0923", ratios.artcom0923);
    set(row, "mepart1420", ratios.mepart1420);
    set(row, "menhab1420", ratios.menhab1420);
    set(row, "artpop1420", ratios.artpop1420);
  }

  const std::vector<std::string>& header_;
  std::vector<bool> numeric_;
  std::map<std::string, std::size_t> index_;
};

void write_row(OGRLayer& layer, const Row& row, const std::vector<bool>& numeric) {
  OGRFeature feature(layer.GetLayerDefn());
  for (std::size_t column = 0; column < row.text.size(); ++column) {
    const int field = static_cast<int>(column);
    if (!numeric[column]) {
      feature.SetField(field, row.text[column].c_str());
    } else if (row.numbers[column]) {
      feature.SetField(field, *row.numbers[column]);
    } else {
      feature.SetFieldNull(field);
    }
  }
  workspace::add_feature(layer, feature);
}

std::string describe_codes(const std::vector<std::string>& codes) {
  constexpr std::size_t shown = 5;
  std::string text;
  for (std::size_t i = 0; i < codes.size() && i < shown; ++i) text += (i == 0 ? "" : ", ") + codes[i];
  if (codes.size() > shown) text += ", …";
  return text;
}

}  // namespace

void import_enaf_consumption(Context& context) {
  const SourceEntry& entry = context.sources.require("enaf_consumption");
  context.progress("ENAF consumption", 0.0);
  const formats::CeremaFile file = formats::read_cerema_consumption(entry.resolved);
  const std::vector<bool> numeric = numeric_columns(file.header);

  std::map<std::string, std::vector<const formats::CeremaRecord*>> by_commune;
  std::vector<std::string> outside;
  for (const auto& record : file.records) {
    const auto current = context.to_current(record.commune);
    if (!current || !context.communes.contains(*current)) {
      outside.push_back(record.commune);
      continue;
    }
    by_commune[*current].push_back(&record);
  }

  std::vector<workspace::FieldSpec> fields;
  for (std::size_t i = 0; i < file.header.size(); ++i)
    fields.push_back({file.header[i], numeric[i] ? OFTReal : OFTString});
  OGRLayer& layer = context.builder.create_layer("enaf_consumption", wkbNone, fields);

  const RowMerger merger(file.header, numeric);
  std::size_t merged_rows = 0;
  std::size_t merged_communes = 0;
  context.builder.dataset().StartTransaction();
  for (const auto& [code, records] : by_commune) {
    if (records.size() > 1) {
      merged_rows += records.size();
      ++merged_communes;
    }
    write_row(layer, merger.merge(code, records), numeric);
  }
  if (context.builder.dataset().CommitTransaction() != OGRERR_NONE) {
    throw_output("cannot commit the enaf_consumption table", {.layer = "enaf_consumption"});
  }

  std::vector<std::string> notes;
  if (!outside.empty()) {
    notes.push_back(fmt::format("{} rows of communes outside the region skipped ({})", outside.size(),
                                describe_codes(outside)));
  }
  if (merged_communes > 0) {
    notes.push_back(
        fmt::format("{} rows of communes merged since the edition summed into {} current communes "
                    "(ratio columns recomputed)",
                    merged_rows, merged_communes));
  }
  std::vector<std::string> without_row;
  for (const auto& code : context.communes) {
    if (!by_commune.contains(code)) without_row.push_back(code);
  }
  if (!without_row.empty()) {
    notes.push_back(fmt::format("{} communes of the region have no row ({})", without_row.size(),
                                describe_codes(without_row)));
  }
  record_from_entry(context, "enaf_consumption", entry, fmt::format("{}", fmt::join(notes, "; ")));
  context.progress("ENAF consumption", 1.0);
}

}  // namespace zanplan::importer
