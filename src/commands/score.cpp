// `zanplan score`: rank candidate sites for a profile; print the top and write GeoJSON,
// GeoPackage and CSV.
#include <chrono>
#include <filesystem>
#include <cmath>
#include <iostream>
#include <optional>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "cli_support.hpp"
#include "commands.hpp"
#include "commands/assessment_options.hpp"
#include "output_folder.hpp"
#include "zanplan/error.hpp"

namespace zanplan::cli {

namespace {

std::string km(double v) { return std::isfinite(v) ? fmt::format("{:.1f}", v) : "-"; }

std::string share(const ZanCharge& zan) {
  if (!zan.local) return "PENE";
  const double v = zan.share;
  if (std::isnan(v)) return "?";
  if (std::isinf(v)) return "over";
  return fmt::format("{:.0f} %", v * 100.0);
}

std::string shorten(const std::string& s, std::size_t width) {
  // Count code points, not bytes, so accented names line up.
  std::size_t points = 0, cut = s.size();
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (points == width - 1 && s.size() > i) cut = i;
      ++points;
    }
  }
  return points <= width ? s : s.substr(0, cut) + "…";
}

void print_table(const Assessment& a) {
  std::cout << fmt::format("{:>4} {:<15} {:<20} {:>6} {:>7} {:>6} {:<20} {:>8} {:>5} {:>5} {:>5} {:>7} {:>6} {:>5} {}\n", "RANK",
                           "SITE", "COMMUNE", "AREA", "PARCELS", "ENAF", "SUBSTATION", "kV/km", "MWAY", "RAIL", "PORT",
                           "ENVEL.", "SCORE", "STAB", "");
  std::cout << fmt::format("{:>4} {:<15} {:<20} {:>6} {:>7} {:>6} {:<20} {:>8} {:>5} {:>5} {:>5} {:>7} {:>6} {:>5}\n", "", "", "",
                           "ha", "", "ha", "", "", "km", "km", "km", "share", "", "");
  for (const auto& site : a.sites) {
    const auto& r = site.ranking;
    if (!r.rank || *r.rank > a.top_k) break;
    const auto& f = site.facts;
    const std::string communes = f.communes.size() > 1 ? fmt::format(" +{}", f.communes.size() - 1) : "";
    std::cout << fmt::format(
        "{:>4} {:<15} {:<20} {:>6.1f} {:>7} {:>6.1f} {:<20} {:>8} {:>5} {:>5} {:>5} {:>7} {:>6.3f} {:>5} {}\n", *r.rank,
        f.id, shorten(site.commune_name + communes, 20), f.area_ha,
        f.land_class == "assembled" ? std::to_string(f.parcel_count) : f.land_class, f.enaf_ha,
        shorten(f.substation.name, 20), fmt::format("{}/{}", f.substation.voltage_kv, km(f.substation.distance_km)),
        km(f.motorway.distance_km), km(f.rail.distance_km), km(f.port.distance_km), share(site.zan), r.score,
        r.stability ? fmt::format("{:.0f}%", *r.stability * 100) : "-", r.pareto ? "pareto" : "");
  }
}

// Where the sites' ENAF goes: the level every site was charged at (the scenario's, else the
// regime's), as the ledger reported it.
std::string charging(const Assessment& a) {
  if (a.pene) return "ASSUMED PENE: ENAF charged to the national forfait";
  std::string level = "local";
  for (const auto& site : a.sites) {
    if (site.zan.local) {
      level = charge_level_name(site.zan.detail.level);
      break;
    }
  }
  const std::string where = "each commune's part charged at " + level + " level";
  return a.scenario.empty() ? where : where + " (scenario " + a.scenario + ")";
}

void print_summary(const Assessment& a, const scoring::Profile& profile, const AssessmentOptions& options) {
  std::cout << fmt::format("\nProfile {}, hash {}; regime {}{}; method {}; {}\n", profile.name,
                           a.profile_hash, options.regime.id,
                           options.regime.is_proposal() ? " (PROPOSAL, not law)" : "",
                           options.ranking.aggregation.value_or(profile.aggregation) == scoring::Aggregation::topsis
                               ? "TOPSIS"
                               : "weighted sum",
                           charging(a));
  if (a.candidates_source == "parcels") {
    std::cout << fmt::format("No assembled sites for profile {} in this workspace: single parcels are the candidates "
                             "(run `zanplan sites WORKSPACE --profile {}` to assemble sites from parcels)\n",
                             profile.name, profile.name);
  }
  std::cout << fmt::format("Candidates {} (from {}): {} ranked, {} excluded\n", with_separators(static_cast<long long>(a.candidates_total)),
                           a.candidates_source,
                           with_separators(static_cast<long long>(a.ranked)),
                           with_separators(static_cast<long long>(a.candidates_total - a.ranked)));
  for (const auto& [code, count] : a.exclusions) {
    std::cout << fmt::format("  excluded: {:>8}  {} [{}]\n", with_separators(static_cast<long long>(count)),
                             scoring::exclusion_phrase(code), scoring::exclusion_code_name(code));
  }
  if (!a.synthetic_layers.empty()) {
    std::string layers;
    for (const auto& l : a.synthetic_layers) layers += (layers.empty() ? "" : ", ") + l;
    std::cout << "SYNTHETIC inputs: " << layers << " — results are a demonstration, not real sites.\n";
  }
}

// Wall-clock time spent in each stage, for --timings: a stage ends when the next begins.
class StageClock {
 public:
  void enter(std::string_view stage) {
    if (!stages_.empty() && stages_.back().first == stage) return;
    close();
    stages_.emplace_back(std::string(stage), 0.0);
    start_ = std::chrono::steady_clock::now();
  }
  void print() {
    close();
    for (const auto& [stage, seconds] : stages_) std::cerr << fmt::format("  {:<18} {:8.3f} s\n", stage, seconds);
  }

 private:
  void close() {
    if (stages_.empty()) return;
    stages_.back().second += std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  std::vector<std::pair<std::string, double>> stages_;
  std::chrono::steady_clock::time_point start_;
};

// The export set of one run: every format asked for under DIR/sites-PROFILE.EXT, or the one
// text format on standard output when the folder is "-".
std::vector<ExportTarget> export_targets(const std::string& out_dir, const std::vector<std::string>& formats,
                                         const std::string& profile) {
  std::vector<ExportTarget> targets;
  const std::filesystem::path base = std::filesystem::path(out_dir) / ("sites-" + profile);
  for (const std::string& name : formats) {
    ExportFormat format = ExportFormat::csv;
    std::string extension = ".csv";
    if (name == "geojson") format = ExportFormat::geojson, extension = ".geojson";
    else if (name == "gpkg") format = ExportFormat::geopackage, extension = ".gpkg";
    else if (name != "csv") throw_usage("unknown export format '" + name + "' (geojson, gpkg or csv)", {.key = "--format"});
    targets.push_back({format, out_dir == "-" ? std::filesystem::path("-") : std::filesystem::path(base.string() + extension)});
  }
  if (out_dir == "-" && targets.size() != 1) {
    throw_usage("-o - writes one format to standard output: add --format csv or --format geojson", {.key = "--out-dir"});
  }
  return targets;
}

}  // namespace

void add_score(CLI::App& app) {
  auto* command = app.add_subcommand("score", "Rank candidate sites for a profile and export them");
  auto args = std::make_shared<AssessmentArguments>();
  auto out_dir = std::make_shared<std::string>("out");
  auto formats = std::make_shared<std::vector<std::string>>(std::vector<std::string>{"geojson", "gpkg", "csv"});
  auto timings = std::make_shared<bool>(false);
  add_assessment_options(*command, args);
  command->add_flag("--timings", *timings, "Print the time spent in each stage on standard error");
  command->add_option("-o,--out-dir", *out_dir,
                      "Folder for sites-PROFILE.{geojson,gpkg,csv}; '-' writes the one --format to standard output")
      ->capture_default_str();
  command->add_option("--format", *formats, "Export formats: geojson, gpkg, csv (repeatable or comma-separated)")
      ->delimiter(',')
      ->capture_default_str();
  command->callback([args, out_dir, formats, timings] {
    AssessmentOptions options = to_assessment_options(*args);
    const bool to_standard_output = *out_dir == "-";
    const std::vector<ExportTarget> targets = export_targets(*out_dir, *formats, options.profile.name);
    std::optional<OutputFolder> folder;
    if (!to_standard_output) folder.emplace(*out_dir);

    Progress progress(!args->quiet && stderr_is_terminal());
    StageClock clock;
    clock.enter("loading");
    options.progress = [&progress, &clock](std::string_view stage, double f) {
      clock.enter(stage);
      progress.update(stage, f);
    };
    const Assessment a = assess_sites(options);
    progress.update("writing", 1.0);
    clock.enter("export table");
    const ExportTable table = assessment_table(a, options.profile);
    clock.enter("write exports");
    write_exports(table, targets, score_style(a));
    if (folder) folder->keep();
    progress.done();
    if (*timings) clock.print();
    if (args->quiet || to_standard_output) return;  // standard output holds the data
    print_table(a);
    print_summary(a, options.profile, options);
    std::string written;
    for (const ExportTarget& t : targets) {
      written += (written.empty() ? "" : ", ") + t.path.string();
      if (t.format == ExportFormat::csv) written += " (types in " + csvt_path(t.path).string() + ")";
    }
    std::cout << fmt::format("Wrote {} ({} sites in the area range: ranked, and excluded with a code and a detail)\n", written,
                             with_separators(static_cast<long long>(a.sites.size())));
  });
}

}  // namespace zanplan::cli
