#include "formats/cerema.hpp"

#include <cmath>
#include <set>

#include <fmt/format.h>

#include "text/csv.hpp"
#include "zanplan/error.hpp"

namespace zanplan::formats {

namespace {

constexpr const char* text_columns[] = {"idcom", "idcomtxt", "idreg",      "idregtxt",
                                        "iddep", "iddeptxt", "epci23",     "epci23txt",
                                        "scot",  "aav2020",  "aav2020txt", "aav2020_typo"};

// The 2009–2023 totals; their order in the file differs from the yearly order (inc before
// rou and fer).
constexpr const char* total_columns[] = {"naf09art23", "art09act23", "art09hab23", "art09mix23",
                                         "art09inc23", "art09rou23", "art09fer23"};

constexpr const char* trailing_columns[] = {"artcom0923", "pop14",      "pop20",      "pop1420",    "men14",
                                            "men20",      "men1420",    "emp14",      "emp20",      "emp1420",
                                            "mepart1420", "menhab1420", "artpop1420", "surfcom2023"};

int two_digits(int year) { return year % 100; }

std::vector<std::string> yearly_columns() {
  std::vector<std::string> columns;
  for (int year = cerema_first_year; year <= cerema_last_year; ++year) {
    columns.push_back(cerema_naf_column(year));
    for (const char* use : cerema_uses) columns.push_back(cerema_use_column(year, use));
  }
  return columns;
}

CeremaRecord read_record(const text::CsvTable& table, std::size_t index, const std::string& file) {
  const text::CsvRow row = table.row(index);
  CeremaRecord record;
  record.line = row.line();
  record.commune = row["idcom"];
  for (std::size_t column = 0; column < table.header().size(); ++column) record.raw.push_back(row.at(column));
  // Every numeric column of the layout must hold a number (or nothing, except the
  // required naf/art columns); CsvRow names file, line and column on failure.
  static const std::set<std::string> required(cerema_required_columns().begin(),
                                              cerema_required_columns().end());
  for (const std::string& name : cerema_layout()) {
    if (cerema_is_text_column(name) || !table.find_column(name)) continue;
    if (required.contains(name)) {
      (void)row.required_number(name);
    } else {
      (void)row.number(name);
    }
  }
  double yearly_sum = 0.0;
  for (int year = cerema_first_year; year <= cerema_last_year; ++year) {
    const double value = row.required_number(cerema_naf_column(year));
    record.naf_by_year.emplace(year, value);
    yearly_sum += value;
  }
  record.naf_total = row.required_number("naf09art23");
  if (std::abs(yearly_sum - record.naf_total) > 1.0) {
    throw_input(fmt::format("commune {}: the yearly naf columns sum to {} m² but naf09art23 is {} m²",
                            record.commune, yearly_sum, record.naf_total),
                {.file = file, .line = record.line, .key = "naf09art23"});
  }
  return record;
}

}  // namespace

std::string cerema_naf_column(int year) {
  return fmt::format("naf{:02d}art{:02d}", two_digits(year), two_digits(year + 1));
}

std::string cerema_use_column(int year, const std::string& use) {
  return fmt::format("art{:02d}{}{:02d}", two_digits(year), use, two_digits(year + 1));
}

const std::vector<std::string>& cerema_layout() {
  static const std::vector<std::string> layout = [] {
    std::vector<std::string> columns(std::begin(text_columns), std::end(text_columns));
    for (auto& c : yearly_columns()) columns.push_back(std::move(c));
    columns.insert(columns.end(), std::begin(total_columns), std::end(total_columns));
    columns.insert(columns.end(), std::begin(trailing_columns), std::end(trailing_columns));
    return columns;
  }();
  return layout;
}

const std::vector<std::string>& cerema_required_columns() {
  static const std::vector<std::string> required = [] {
    std::vector<std::string> columns = yearly_columns();
    columns.insert(columns.end(), std::begin(total_columns), std::end(total_columns));
    return columns;
  }();
  return required;
}

bool cerema_is_text_column(const std::string& column) {
  for (const char* text : text_columns) {
    if (column == text) return true;
  }
  return false;
}

CeremaFile read_cerema_consumption(const std::filesystem::path& path) {
  const text::CsvTable table =
      text::CsvTable::read(path, {.separator = ';', .encoding = text::Encoding::utf8});
  const std::string file = path.string();
  if (!table.find_column("idcom")) throw_input("required column is missing", {.file = file, .key = "idcom"});
  for (const std::string& column : cerema_required_columns()) {
    if (!table.find_column(column)) throw_input("required column is missing", {.file = file, .key = column});
  }
  CeremaFile result;
  result.path = path;
  result.header = table.header();
  result.records.reserve(table.size());
  std::set<std::string> seen;
  for (std::size_t i = 0; i < table.size(); ++i) {
    CeremaRecord record = read_record(table, i, file);
    if (!seen.insert(record.commune).second) {
      throw_input("commune " + record.commune + " has a second row",
                  {.file = file, .line = record.line, .key = "idcom"});
    }
    result.records.push_back(std::move(record));
  }
  return result;
}

double reference_consumption_m2(const CeremaRecord& record, int first_year, int last_year) {
  double total = 0.0;
  for (int year = first_year; year <= last_year; ++year) {
    auto it = record.naf_by_year.find(year);
    if (it == record.naf_by_year.end()) {
      throw Error(ErrorKind::internal, fmt::format("the Cerema file has no consumption for {}", year));
    }
    total += it->second;
  }
  return total;
}

CeremaRatios cerema_ratios(double naf09art23, double surfcom2023, double consumption_2014_2019_m2,
                           double pop1420, double men1420, double emp1420) {
  CeremaRatios ratios;
  if (surfcom2023 != 0.0) ratios.artcom0923 = naf09art23 / surfcom2023 * 100.0;
  const double hectares = consumption_2014_2019_m2 / 10'000.0;
  if (hectares != 0.0) {
    ratios.mepart1420 = (men1420 + emp1420) / hectares;
    ratios.menhab1420 = men1420 / hectares;
  }
  if (pop1420 != 0.0) ratios.artpop1420 = consumption_2014_2019_m2 / pop1420;
  return ratios;
}

}  // namespace zanplan::formats
