// The yearly ENAF trajectory of a territory: consumption against the allowance.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>

#include <fmt/format.h>

#include "workspace/layers.hpp"
#include "zanplan/export.hpp"
#include "zanplan/ledger.hpp"

namespace zanplan {

namespace {

constexpr double square_metres_per_hectare = 10'000.0;

// Σ over the territory's communes of each year's naf column present in the file.
std::map<int, double> yearly_consumption(const std::filesystem::path& path, const std::set<std::string>& communes) {
  auto dataset = workspace::open_existing(path);
  OGRLayer& layer = workspace::require_layer(*dataset, path, "enaf_consumption");
  const int idcom = workspace::require_column(layer, path, "idcom");
  std::map<int, int> columns;
  for (int year = 2000; year < 2100; ++year) {
    const int index = layer.GetLayerDefn()->GetFieldIndex(cerema_naf_column(year).c_str());
    if (index >= 0) columns[year] = index;
  }
  std::map<int, double> totals;
  const workspace::ReadCheck check(path, "enaf_consumption");
  for (auto& f : layer) {
    if (!communes.contains(f->GetFieldAsString(idcom))) continue;
    for (const auto& [year, index] : columns) totals[year] += f->GetFieldAsDouble(index) / square_metres_per_hectare;
  }
  check.check();
  for (const auto& [year, index] : columns) totals.try_emplace(year, 0.0);
  return totals;
}

}  // namespace

Trajectory build_trajectory(const std::filesystem::path& workspace, const Hierarchy& hierarchy, const Ledger& ledger,
                            const LegalRegime& regime, Level level, const std::string& code) {
  const std::string territory = level == Level::region && code.empty() ? hierarchy.region_code : code;
  const LedgerRow* row = ledger.find(level, territory);
  if (row == nullptr) {
    throw_usage(fmt::format("no {} territory '{}' in the workspace", level_name(level), territory), {.key = "--code"});
  }
  std::set<std::string> communes;
  for (const auto& [commune, _] : hierarchy.communes) {
    if (level == Level::region || hierarchy.territory_of(commune, level) == territory) communes.insert(commune);
  }

  Trajectory t;
  t.level = level;
  t.code = territory;
  t.name = row->name;
  t.reference_ha = row->reference_ha;
  t.envelope_ha = row->envelope_ha + row->transfers_in_ha - row->transfers_out_ha;
  t.synthetic = ledger.consumption_is_synthetic;
  const auto actual = yearly_consumption(workspace, communes);
  const int first_year = actual.empty() ? regime.reference_period.first_year : actual.begin()->first;
  const int tranche_years = regime.first_tranche.last_year - regime.first_tranche.first_year + 1;
  const double tranche_allowance = t.envelope_ha / tranche_years;
  const int after = regime.first_tranche.last_year;
  for (int year = first_year; year <= regime.net_zero_year; ++year) {
    TrajectoryYear y;
    y.year = year;
    if (auto it = actual.find(year); it != actual.end()) y.actual_ha = it->second;
    if (year < regime.reference_period.first_year) {
      y.period = "before";
    } else if (year <= regime.reference_period.last_year) {
      y.period = "reference";
    } else if (year <= after) {
      y.period = "first tranche";
      y.allowed_ha = tranche_allowance;
    } else {
      y.period = "net (assumed path)";
      const double progress = static_cast<double>(year - after) / static_cast<double>(regime.net_zero_year - after);
      y.allowed_ha = std::max(0.0, tranche_allowance * (1.0 - progress));
    }
    t.years.push_back(std::move(y));
  }
  return t;
}

ExportTable trajectory_table(const Trajectory& t) {
  ExportTable table;
  table.layer_name = "trajectory";
  table.columns = {{"year", ColumnType::integer}, {"period", ColumnType::text},
                   {"actual_ha", ColumnType::real}, {"allowed_ha", ColumnType::real}};
  for (const auto& y : t.years) {
    table.rows.push_back({Value(std::int64_t{y.year}), Value(y.period),
                          y.actual_ha ? Value(*y.actual_ha) : Value(std::monostate{}),
                          y.allowed_ha ? Value(*y.allowed_ha) : Value(std::monostate{})});
  }
  return table;
}

void write_trajectory_svg(const Trajectory& t, const std::filesystem::path& path) {
  constexpr double width = 900, height = 420, left = 60, right = 20, top = 50, bottom = 50;
  double peak = 0;
  for (const auto& y : t.years) peak = std::max({peak, y.actual_ha.value_or(0.0), y.allowed_ha.value_or(0.0)});
  if (peak <= 0) peak = 1;
  const double step = std::pow(10.0, std::floor(std::log10(peak)));
  const double axis_max = std::ceil(peak / step) * step;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  const double bar_w = plot_w / static_cast<double>(std::max<std::size_t>(1, t.years.size()));
  auto x_of = [&](std::size_t i) { return left + bar_w * static_cast<double>(i); };
  auto y_of = [&](double v) { return top + plot_h * (1.0 - v / axis_max); };

  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
      width, height);
  svg += fmt::format("<text x=\"{}\" y=\"20\" font-size=\"14\">ENAF consumption of {} {} (ha/year): actual vs allowed</text>\n",
                     left, level_name(t.level), t.name.empty() ? t.code : t.name + " (" + t.code + ")");
  svg += fmt::format("<text x=\"{}\" y=\"36\" fill=\"#555\">Bars: actual ({}). Line: "
                     "first-tranche envelope {:.1f} ha spread evenly, then an assumed straight path to net zero.</text>\n",
                     left, t.synthetic ? "SYNTHETIC consumption table" : "the workspace's consumption table", t.envelope_ha);
  for (int k = 0; k <= 4; ++k) {
    const double v = axis_max * k / 4.0;
    svg += fmt::format("<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"#ddd\"/>"
                       "<text x=\"{3}\" y=\"{4:.1f}\" text-anchor=\"end\">{5:g}</text>\n",
                       left, width - right, y_of(v), left - 5, y_of(v) + 4, v);
  }
  std::string line;
  for (std::size_t i = 0; i < t.years.size(); ++i) {
    const auto& y = t.years[i];
    if (y.actual_ha) {
      svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"/>\n", x_of(i) + 1,
                         y_of(*y.actual_ha), bar_w - 2, top + plot_h - y_of(*y.actual_ha),
                         y.period == "first tranche" ? "#d95f02" : "#7570b3");
    }
    if (y.allowed_ha) line += fmt::format("{}{:.1f},{:.1f}", line.empty() ? "" : " ", x_of(i) + bar_w / 2, y_of(*y.allowed_ha));
    if (y.year % 5 == 0) {
      svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n", x_of(i) + bar_w / 2,
                         top + plot_h + 16, y.year);
    }
  }
  if (!line.empty()) svg += "<polyline fill=\"none\" stroke=\"#1b9e77\" stroke-width=\"2.5\" points=\"" + line + "\"/>\n";
  svg += "</svg>\n";

  write_text_output(svg, path);
}

}  // namespace zanplan
