// A project profile (data/profiles/<name>.toml): what a gigafactory or a datacenter needs,
// how its criteria are scored and weighted, and which sites it cannot use. Profiles are
// data, never code constants; the file format is documented in docs/scoring.md.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zanplan/layer_measure.hpp"
#include "zanplan/numbers.hpp"
#include "zanplan/scoring/value_function.hpp"

namespace zanplan::scoring {

enum class Aggregation : std::uint8_t { weighted_sum, topsis };
enum class LogisticsRule : std::uint8_t { best_of, weighted };

struct CriterionSpec {
  Criterion id = Criterion::power_distance_km;
  ValueFunction value;
};

// Motorway, rail and port combined into one weighted criterion named "logistics".
// best_of: the best member sub-score (rail OR port is enough);
// weighted: Σ member_weights[i] × member sub-score (member weights sum to 1).
struct LogisticsGroup {
  LogisticsRule rule = LogisticsRule::best_of;
  std::vector<Criterion> members;
  std::vector<double> member_weights;  // weighted rule only, same order as members
};

inline constexpr std::string_view kLogisticsId = "logistics";

// A criterion the profile measures on a workspace layer ([criteria.NAME] with `layer` and
// `measure`, docs/user-layers.md). The lines are kept because the layer and field are only
// checked against a workspace, after loading, and those errors must name the profile's line.
struct UserCriterion {
  std::string id;  // NAME
  LayerMeasureQuery query;
  ValueFunction value;
  std::int64_t layer_line = 0;
  std::int64_t field_line = 0;
};

// One weighted term of the score: a built-in criterion, a user criterion (an index into
// Profile::user_criteria), or the logistics group (neither).
struct WeightedItem {
  std::string id;
  std::optional<Criterion> criterion;
  double weight = 0;
  std::optional<std::size_t> user;
};

// Connection cost assumption for one voltage level: a line of `distance` km plus one bay
// in the substation.
struct ConnectionLevel {
  int voltage_kv = 0;
  double eur_per_km = 0;
  double bay_eur = 0;
};

struct AhpSummary {
  std::vector<std::string> order;  // the matrix's rows and columns
  std::vector<std::vector<double>> matrix;
  double lambda_max = 0;
  double consistency_ratio = 0;
  bool accepted_inconsistent = false;
};

// A workspace polygon layer excluding the sites that touch it or, with within_m > 0, come
// within within_m metres of it. The line and key are kept because the layer is checked
// against a workspace after loading, and those errors must still name the profile's line.
struct ExclusionLayer {
  std::string layer;
  double within_m = 0;
  std::int64_t line = 0;
  std::string key;  // e.g. "constraints.exclusion_layers[0]", "constraints.exclusions[1].layer"
};

struct Constraints {
  // exclusion_layers = [...] first (within_m 0), then [[constraints.exclusions]], in file order.
  std::vector<ExclusionLayer> exclusion_layers;
  std::array<std::optional<double>, kCriterionCount> max_value{};  // excluded above
  std::array<std::optional<double>, kCriterionCount> min_value{};  // excluded below
};

// How sites are assembled from parcels for this profile ([assembly], docs/sites.md).
struct AssemblySettings {
  double target_ha = 0;            // a site stops growing at this area (within [min_ha, max_ha])
  double min_compactness = 0.2;    // Polsby–Popper 4πA/P² of the outline; a square is 0.785
  double snap_tolerance_m = 0.5;   // boundary stretches this close count as shared
  double min_shared_edge_m = 5.0;  // two parcels are neighbours above this shared length
  double port_zone_m = 1500;       // artificialised land this close to a port point is port land
  double land_weight = 1.0;        // growth preference for land that takes no ENAF
  double shape_weight = 1.0;       // growth preference for parcels near the site's centre
  double contact_weight = 0.5;     // growth preference for parcels wrapping around the site
};

// Bounds shared by the profile's [ranking] and [sensitivity] tables and the --top and --runs
// flags (docs/scoring.md). 100,000 runs over 100,000 sites already take hours; a lognormal
// spread above 3 multiplies weights by more than e^3 ≈ 20 one time in three.
inline constexpr std::int64_t max_top_k = 100'000;
inline constexpr std::int64_t max_sensitivity_runs = 100'000;
inline constexpr NumberRange sensitivity_sigma_range{0, 3};

// Where the candidates come from ([candidates], docs/user-layers.md): a planner's own
// polygon layer, or (user_layer empty) the profile's assembled sites, else single parcels.
// The lines are kept because the layer and field are only checked against a workspace,
// after loading, and those errors must still name the profile's line.
struct CandidateSource {
  std::string user_layer;  // "user:NAME" in the file
  std::string id_field;    // the layer's field holding the planner's site ids
  std::int64_t source_line = 0;
  std::int64_t id_field_line = 0;
};

struct SensitivitySettings {
  std::size_t runs = 200;
  double sigma = 0.2;  // lognormal spread of each weight, see sensitivity.hpp
  std::uint64_t seed = 1;
};

struct Profile {
  std::string name;
  std::string description;
  double min_ha = 0;
  double max_ha = 0;
  double power_need_mw = 0;
  int min_voltage_kv = 0;
  double max_connection_km = 0;
  bool pene_eligible = false;
  bool pene_by_default = false;
  std::vector<ConnectionLevel> connection_costs;  // ascending voltage, no duplicates
  std::vector<CriterionSpec> criteria;            // ascending Criterion order
  std::vector<UserCriterion> user_criteria;       // by id
  std::optional<LogisticsGroup> logistics;
  std::vector<WeightedItem> weights;              // canonical order, weights sum to 1
  std::optional<AhpSummary> ahp;                  // set when weights came from [ahp]
  bool weights_overridden = false;                // apply_weight_overrides was used
  Constraints constraints;
  Aggregation aggregation = Aggregation::weighted_sum;
  std::size_t top_k = 10;
  SensitivitySettings sensitivity;
  AssemblySettings assembly;
  CandidateSource candidates;
  std::filesystem::path path;  // where it was loaded from (not part of the hash)

  [[nodiscard]] const CriterionSpec* spec(Criterion c) const;
  // The index of the user criterion named `id` in user_criteria, if any.
  [[nodiscard]] std::optional<std::size_t> user_criterion(std::string_view id) const;
};

struct ProfileLoadOptions {
  // Accept an AHP matrix whose consistency ratio exceeds 0.1 (the profile can say so too
  // with ahp.accept_inconsistent = true).
  bool accept_inconsistent_ahp = false;
};

inline constexpr double kWeightSumTolerance = 1e-6;
inline constexpr double kMaxConsistencyRatio = 0.1;

// Loads and validates a profile. Every problem is a config error naming the file, the line
// and the dotted key (e.g. "criteria.power_distance_km.ideal", "ahp.matrix[2][0]").
Profile load_profile(const std::filesystem::path& path, const ProfileLoadOptions& options = {});

// `name_or_path` is either a file path (contains '/' or ends in ".toml") or a profile name
// looked up as <data_dir>/profiles/<name>.toml.
std::filesystem::path profile_path(const std::filesystem::path& data_dir, std::string_view name_or_path);

// Applies command-line overrides "criterion=value" (value in [0, 1]). The named weights are
// set; the others are rescaled in proportion so that all still sum to 1. Errors are usage
// errors naming the key (the criterion, or the whole argument when it cannot be parsed).
void apply_weight_overrides(Profile& profile, const std::vector<std::string>& overrides);

// The cost of connecting at `voltage_kv` (0 = unknown: the profile's minimum voltage) over
// `distance_km`: the cheapest listed level at or above that voltage (the highest level when
// none is), eur_per_km × distance + bay_eur. +inf distance gives +inf.
[[nodiscard]] double connection_cost_eur(const Profile& profile, int voltage_kv, double distance_km);

// Canonical text of everything parsed (one "key=value" line each, fixed order, numbers
// with 12 significant digits) and its FNV-1a 64 hash as 16 lowercase hex digits: the
// same profile gives the same hash whatever the file's layout, comments or key order.
[[nodiscard]] std::string canonical_text(const Profile& profile);
[[nodiscard]] std::string profile_hash(const Profile& profile);
[[nodiscard]] std::uint64_t fnv1a64(std::string_view bytes);

}  // namespace zanplan::scoring
