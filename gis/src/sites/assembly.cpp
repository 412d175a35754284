// zanplan sites: eligible parcels → adjacency → grown sites → outlines → workspace tables.
#include "zanplan/site_assembly.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <cmath>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "export/atomic_file.hpp"
#include "sites/adjacency.hpp"
#include "sites/candidate_parcels.hpp"
#include "sites/grow.hpp"
#include "sites/point_index.hpp"
#include "sites/shapes.hpp"
#include "sites/site_outline.hpp"
#include "sites/site_writer.hpp"
#include "workspace/sqlite_reader.hpp"
#include "zanplan/assessment.hpp"
#include "zanplan/error.hpp"

namespace zanplan {

namespace {

constexpr double m2_per_ha = 10'000.0;

class Stopwatch {
 public:
  double lap() {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return s;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// Connectable substations at or above the profile's voltage, for the seed filter.
sites::PointIndex qualified_substations(const std::filesystem::path& path, int min_voltage_kv) {
  workspace::ReadOnlyDatabase db(path);
  if (!db.has_table("substations")) throw_workspace("the workspace has no such layer", {.file = path.string(), .layer = "substations"});
  const std::string column = sites::geometry_column(db, "substations");
  auto q = db.query("SELECT " + workspace::quote_identifier(column) + " FROM substations WHERE connectable = 1 AND tension_kv >= ?", "substations");
  q.bind(1, static_cast<double>(min_voltage_kv));
  std::vector<sites::IndexedPoint> points;
  while (q.step()) {
    double x = 0, y = 0;
    if (!q.is_null(0) && sites::gpkg_point(q.blob(0), x, y)) points.push_back({x, y, points.size()});
  }
  return sites::PointIndex(std::move(points));
}

std::uint8_t seed_rank(sites::ParcelUse use) {
  switch (use) {
    case sites::ParcelUse::brownfield: return 0;
    case sites::ParcelUse::economic: return 1;
    case sites::ParcelUse::enaf: return 2;
  }
  return 2;
}

// Totals, communes and id of each grown site.
std::vector<sites::SiteRecord> describe_sites(const sites::CandidateParcels& parcels,
                                              const std::vector<sites::GrownSite>& grown) {
  std::vector<sites::SiteRecord> records;
  records.reserve(grown.size());
  std::unordered_map<std::string, int> per_commune;  // sequence numbers for ids
  for (const auto& g : grown) {
    sites::SiteRecord r;
    r.parcels = g.parcels;
    std::map<std::uint16_t, sites::CommuneShare> communes;
    for (std::uint32_t p : g.parcels) {
      r.area_m2 += parcels.area_m2[p];
      r.enaf_m2 += parcels.enaf_m2[p];
      r.brownfield_m2 += parcels.brownfield_m2[p];
      r.economic_m2 += parcels.economic_m2[p];
      auto& c = communes[parcels.commune[p]];
      c.commune = parcels.commune_code(p);
      c.area_m2 += parcels.area_m2[p];
      c.enaf_m2 += parcels.enaf_m2[p];
    }
    for (auto& [index, share] : communes) r.communes.push_back(std::move(share));
    // Largest share first; ties by code, so the order never depends on the input's order.
    std::sort(r.communes.begin(), r.communes.end(), [](const auto& a, const auto& b) {
      return a.area_m2 > b.area_m2 || (a.area_m2 == b.area_m2 && a.commune < b.commune);
    });
    r.compactness = g.compactness();
    r.seed_use = parcels.use[g.parcels.front()];
    r.id = fmt::format("S{}-{:04d}", r.communes.front().commune, ++per_commune[r.communes.front().commune]);
    records.push_back(std::move(r));
  }
  return records;
}

// The graph as two CSV files, each written whole or not at all.
void write_graph(const std::filesystem::path& dir, const sites::CandidateParcels& parcels, const sites::AdjacencyGraph& graph) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw_output("cannot create the folder: " + error.message(), {.file = dir.string()});
  auto write = [](const std::filesystem::path& target, const auto& fill) {
    exporter::AtomicFile file(target);
    std::ofstream out(file.temporary());
    fill(out);
    out.close();
    if (!out) throw_output("cannot write the file", {.file = target.string()});
    file.commit();
  };
  write(dir / "nodes.csv", [&](std::ostream& out) {
    out << "parcel_id,use\n";
    for (std::size_t i = 0; i < parcels.size(); ++i) out << parcels.id(i) << ',' << sites::use_name(parcels.use[i]) << '\n';
  });
  write(dir / "edges.csv", [&](std::ostream& out) {
    out << "parcel_a,parcel_b,shared_m\n";
    for (std::size_t i = 0; i < graph.node_count(); ++i) {
      const auto neighbours = graph.of(i);
      for (std::size_t k = 0; k < neighbours.size(); ++k) {
        if (neighbours[k] > i) out << parcels.id(i) << ',' << parcels.id(neighbours[k]) << ',' << fmt::format("{:.3f}", graph.shared_of(i)[k]) << '\n';
      }
    }
  });
}

}  // namespace

bool names_tables(std::string_view name) {
  return !name.empty() && name.size() <= 40 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::vector<SiteParcel> read_site_parcels(const std::filesystem::path& path, const scoring::Profile& profile,
                                          const std::string& site_id) {
  std::vector<SiteParcel> out;
  if (!names_tables(profile.name)) return out;
  const SiteTables tables = site_tables(profile);
  workspace::ReadOnlyDatabase db(path);
  if (!db.has_table(tables.parcels)) return out;
  // Rows were written in joining order: the rowid keeps it.
  auto q = db.query("SELECT parcel_id, commune, use, area_m2, enaf_m2 FROM " + workspace::quote_identifier(tables.parcels) +
                        " WHERE site_id = ? ORDER BY fid",
                    tables.parcels);
  q.bind(1, site_id);
  while (q.step()) {
    out.push_back({std::string(q.text(0)), std::string(q.text(1)), std::string(q.text(2)), q.real(3), q.real(4)});
  }
  return out;
}

SiteTables site_tables(const scoring::Profile& profile) {
  if (!names_tables(profile.name)) {
    throw_config("a profile name must be lower-case letters, digits and '_' to name its site tables",
                 {.file = profile.path.string(), .key = "name"});
  }
  return {"sites_" + profile.name, "site_parcels_" + profile.name, "site_communes_" + profile.name};
}

AssemblyReport assemble_sites(const AssemblyOptions& options) {
  const scoring::Profile& profile = options.profile;
  check_profile_layers(profile, options.workspace);
  const SiteTables tables = site_tables(profile);
  const auto& a = profile.assembly;
  auto progress = options.progress ? options.progress : [](std::string_view, double) {};
  const unsigned threads = options.threads != 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
  AssemblyReport report;
  Stopwatch clock;

  sites::EligibilitySettings eligibility;
  eligibility.port_zone_m = a.port_zone_m;
  for (const auto& e : profile.constraints.exclusion_layers) eligibility.exclusion_layers.push_back({e.layer, e.within_m});
  const sites::CandidateParcels parcels = read_candidate_parcels(options.workspace, eligibility, progress);
  report.parcels = parcels.counts;
  report.seconds["read and classify parcels"] = clock.lap();

  progress("adjacency", 0.0);
  const sites::AdjacencyGraph graph = sites::build_adjacency(
      parcels.shapes, {.snap_tolerance_m = a.snap_tolerance_m, .min_shared_m = a.min_shared_edge_m, .threads = threads});
  report.edges = graph.edge_count();
  report.seconds["adjacency"] = clock.lap();
  if (!options.graph_dir.empty()) write_graph(options.graph_dir, parcels, graph);

  // Seeds: a site can only pass the profile's power constraint if some of it lies within
  // max_connection_km of a qualified substation; the seed is the first parcel of its site.
  progress("growing sites", 0.0);
  const sites::PointIndex substations = qualified_substations(options.workspace, profile.min_voltage_kv);
  const std::size_t n = parcels.size();
  std::vector<double> land_cost(n);
  std::vector<std::uint8_t> rank(n), may_seed(n);
  for (std::size_t i = 0; i < n; ++i) {
    land_cost[i] = parcels.area_m2[i] > 0 ? std::clamp(parcels.enaf_m2[i] / parcels.area_m2[i], 0.0, 1.0) : 1.0;
    rank[i] = seed_rank(parcels.use[i]);
    const auto nearest = substations.nearest(parcels.centroid_x[i], parcels.centroid_y[i]);
    may_seed[i] = nearest && nearest->distance <= profile.max_connection_km * 1000.0 ? 1 : 0;
    report.seeds_not_allowed += may_seed[i] == 0 ? 1U : 0U;
  }
  const sites::GrowResult grown = sites::grow_sites(
      {.graph = graph, .area_m2 = parcels.area_m2, .perimeter_m = parcels.perimeter_m, .centroid_x = parcels.centroid_x,
       .centroid_y = parcels.centroid_y, .land_cost = land_cost, .seed_rank = rank, .may_seed = may_seed},
      {.min_m2 = profile.min_ha * m2_per_ha, .max_m2 = profile.max_ha * m2_per_ha, .target_m2 = a.target_ha * m2_per_ha,
       .min_compactness = a.min_compactness, .land_weight = a.land_weight, .shape_weight = a.shape_weight,
       .contact_weight = a.contact_weight});
  report.seeds_tried = grown.seeds_tried;
  report.too_small = grown.too_small;
  report.too_irregular = grown.too_irregular;
  report.sites = grown.sites.size();
  report.seconds["growing"] = clock.lap();

  progress("outlines", 0.0);
  std::vector<sites::SiteRecord> records = describe_sites(parcels, grown.sites);
  std::vector<std::vector<std::uint32_t>> members;
  for (const auto& r : records) {
    members.push_back(r.parcels);
    report.parcels_in_sites += r.parcels.size();
  }
  std::vector<sites::Outline> outlines = sites::union_outlines(parcels.shapes, parcels.commune, members, threads);
  for (std::size_t i = 0; i < records.size(); ++i) {
    report.overlay_unions += outlines[i].overlay ? 1U : 0U;
    records[i].outline = std::move(outlines[i]);
  }
  report.seconds["outlines"] = clock.lap();

  progress("writing", 0.0);
  sites::write_site_tables(options.workspace, tables, parcels, records,
                           {.profile = profile.name, .profile_hash = scoring::profile_hash(profile),
                            .summary = fmt::format("{} sites from {} eligible parcels of {} ({} adjacency edges)",
                                                   records.size(), parcels.counts.eligible, parcels.counts.read, graph.edge_count())});
  report.seconds["writing"] = clock.lap();
  progress("writing", 1.0);
  return report;
}

}  // namespace zanplan
