// `substations`: the RTE list of substations and tap points (CSV, ';', Latin-1, WGS84).
#include <charconv>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "infra/common.hpp"
#include "infra/infra_import.hpp"
#include "text/csv.hpp"

namespace zanplan::importer::infra {

namespace {

constexpr const char* tension_column = "Tension (kV)";
constexpr const char* longitude_column = "Longitude poste (DD)";
constexpr const char* latitude_column = "Latitude poste (DD)";

// Older ODRE exports call the column `Fonction`.
std::string fonction_column(const text::CsvTable& table) {
  for (const char* name : {"FONCTION", "Fonction"}) {
    if (table.find_column(name)) return name;
  }
  (void)table.column("FONCTION");  // throws the missing-column error
  return {};
}

// The published file is Latin-1; newer ODRE exports are UTF-8. A Latin-1 file with accented
// letters is never valid UTF-8, so valid UTF-8 means UTF-8.
text::CsvTable read_rte_csv(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw_input("cannot read file", {.file = path.string()});
  std::ostringstream content;
  content << in.rdbuf();
  const std::string bytes = content.str();
  const auto encoding = text::first_invalid_utf8(bytes) ? text::Encoding::latin1 : text::Encoding::utf8;
  return text::CsvTable::parse(bytes, path.string(), {.separator = ';', .encoding = encoding});
}

struct Tally {
  int kept = 0;
  int connectable = 0;
  int tap_points = 0;
  int without_voltage = 0;
};

}  // namespace

std::optional<int> tension_kv(std::string_view label) {
  if (label == "HORS TENSION" || label == "COURANT CONTINU") return 0;
  // "<45kV": below 45 kV, no usable voltage.
  if (label.starts_with('<')) return tension_kv(label.substr(1)) ? std::optional<int>(0) : std::nullopt;
  if (!label.ends_with("kV")) return std::nullopt;
  std::string_view digits = label.substr(0, label.size() - 2);
  if (digits.ends_with(' ')) digits.remove_suffix(1);
  int kv = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), kv);
  if (error != std::errc() || end != digits.data() + digits.size() || kv <= 0) return std::nullopt;
  return kv;
}

bool is_connectable(std::string_view fonction, std::string_view etat, int kv) {
  return fonction == "Poste de transformation" && etat == "EN EXPLOITATION" && kv > 0;
}

void import_substations(Context& context) {
  context.progress("substations", 0.0);
  const SourceEntry& entry = context.sources.require("substations");
  const std::string path = entry.resolved.string();
  const auto table = read_rte_csv(entry.resolved);
  const std::string fonction = fonction_column(table);
  for (const char* column :
       {"Code poste", "Nom poste", "Etat", tension_column, longitude_column, latitude_column}) {
    (void)table.column(column);
  }

  const RegionFilter region(context, near_region_m);
  auto transform = ogr::make_transform(ogr::wgs84(), ogr::lambert93(), path);
  LayerWriter writer(context, "substations", wkbPoint,
                     {{"code"},
                      {"nom"},
                      {"fonction"},
                      {"etat"},
                      {"tension_label"},
                      {"tension_kv", OFTInteger},
                      {"connectable", OFTInteger}});
  Tally tally;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto row = table.row(i);
    const std::string& label = row[tension_column];
    const auto kv = tension_kv(label);
    if (!kv) {
      throw_input("unrecognised voltage '" + label + "' (expected e.g. 225kV, <45kV, HORS TENSION)",
                  {.file = path, .line = row.line(), .key = tension_column});
    }
    const double lon = row.required_number(longitude_column);
    const double lat = row.required_number(latitude_column);
    const OGRPoint point = wgs84_to_lambert93(*transform, lon, lat, {.file = path, .line = row.line()});
    if (!region.keeps(point)) continue;

    const bool connectable = is_connectable(row[fonction], row["Etat"], *kv);
    OGRFeature feature = writer.new_feature();
    feature.SetField("code", row["Code poste"].c_str());
    feature.SetField("nom", row["Nom poste"].c_str());
    feature.SetField("fonction", row[fonction].c_str());
    feature.SetField("etat", row["Etat"].c_str());
    feature.SetField("tension_label", label.c_str());
    feature.SetField("tension_kv", *kv);
    feature.SetField("connectable", connectable ? 1 : 0);
    feature.SetGeometry(&point);
    writer.add(feature);

    ++tally.kept;
    if (connectable) ++tally.connectable;
    if (row[fonction] == "Point de piquage") ++tally.tap_points;
    if (*kv == 0) ++tally.without_voltage;
  }
  writer.commit();

  record_from_entry(
      context, "substations", entry,
      fmt::format(
          "Latin-1 CSV (UTF-8 accepted), WGS84 longitude/latitude reprojected to Lambert-93; kept the {} of "
          "{} rows lying "
          "within {} of the region outline (the outline is simplified: the tolerance keeps border and "
          "coastal substations, and may keep a few just across the boundary); tension_kv parsed from "
          "'NNNkV', 0 for '<45kV', 'HORS TENSION' and 'COURANT CONTINU' ({} kept rows); connectable = "
          "'Poste de transformation' in service ('EN EXPLOITATION') with an AC voltage ({} rows); {} "
          "'Point de piquage' rows are taps on a line, kept but never connectable",
          tally.kept, table.size(), distance_text(near_region_m), tally.without_voltage, tally.connectable,
          tally.tap_points));
  context.progress("substations", 1.0);
}

}  // namespace zanplan::importer::infra
