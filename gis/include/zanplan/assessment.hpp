// Assessing candidate sites for a profile: site facts from the workspace, the ZAN cost
// under a legal regime, exclusions, and the ranking. What `zanplan score` and
// `zanplan explain` print and export.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zanplan/charge.hpp"
#include "zanplan/export.hpp"
#include "zanplan/regime.hpp"
#include "zanplan/scoring/profile.hpp"
#include "zanplan/scoring/ranking.hpp"
#include "zanplan/sites.hpp"

namespace zanplan {

// Which envelope a site's ENAF land is charged to, and what it does to it. The figures are
// the binding territory's (the largest share) among those charged at the ledger's level.
struct ZanCharge {
  std::string charged_to;     // "scot 255902314", "commune 59350", "PENE national forfait (…)", "none (…)"
  std::string target_source;  // the SRADDET target behind that envelope
  double envelope_ha = 0;     // its 2021–2030 envelope (NaN when not charged locally)
  double remaining_ha = 0;    // before this site (after the scenario's projects and transfers)
  double share = 0;           // enaf_ha / remaining_ha; 0 when nothing is charged locally; +inf when none is left
  bool local = true;          // charged to local envelopes
  ProjectCharge detail;       // every territory charged, the level and the rule
};

struct AssessedSite {
  SiteFacts facts;
  std::string commune_name;
  ZanCharge zan;
  scoring::RankedCandidate ranking;
};

struct AssessmentOptions {
  std::filesystem::path workspace;
  scoring::Profile profile;
  LegalRegime regime;
  bool pene = false;  // the project is PENE (an input, never a guess; the profile must allow it)
  // A ledger scenario of the workspace whose projects, transfers and reserves change each
  // commune's remaining envelope; empty: the envelopes as they stand.
  std::string scenario;
  scoring::RankingOptions ranking;
  std::function<void(std::string_view stage, double fraction)> progress;
  // Site facts measured beforehand with site_query_for(profile) on this workspace: re-used
  // instead of measuring again (the map re-scores on every weight change; the facts depend
  // only on what site_query_key names). Null: measured here.
  std::shared_ptr<const MeasuredSites> measured_facts;
};

// The query that measures a profile's candidates, and a key naming everything in it that
// the facts depend on (minimum voltage, area range, exclusion layers): two profiles with the
// same key can share measured facts.
SiteQuery site_query_for(const scoring::Profile& profile);
std::string site_query_key(const scoring::Profile& profile);

struct Assessment {
  // Candidates within the profile's area range: ranked ones by rank, then excluded ones.
  std::vector<AssessedSite> sites;
  std::size_t candidates_total = 0;    // every candidate: assembled site, or parcel when none are
  std::string candidates_source;       // "sites_<profile>" or "parcels"
  std::size_t outside_area_range = 0;  // excluded before measuring
  std::map<scoring::ExclusionCode, std::size_t> exclusions;  // rule → count, all candidates
  std::size_t ranked = 0;
  std::size_t top_k = 0;
  std::vector<std::string> synthetic_layers;  // workspace layers whose provenance is synthetic
  std::string profile_hash;
  std::string created_at;  // the workspace's creation time, which dates the outputs
  bool pene = false;
  std::string scenario;  // the ledger scenario the envelopes come from, if any
};

// Checks the workspace layers the profile names before anything is measured: every
// exclusion layer exists and holds polygons; the layer of each criterion of its own exists,
// holds polygons when its share or attribute is read, and has the numeric field read. Config
// errors naming the profile's file, line and key; assess_sites and assemble_sites call it first.
void check_profile_layers(const scoring::Profile& profile, const std::filesystem::path& workspace);

// Throws zanplan::Error (usage when PENE is asked of a profile that is not PENE-eligible).
Assessment assess_sites(const AssessmentOptions& options);

// The export table of an assessment: one row per site with raw values, sub-scores, score,
// rank, Pareto flag, stability, profile, profile hash and the synthetic inputs it rests on.
ExportTable assessment_table(const Assessment& assessment, const scoring::Profile& profile);

// A QGIS graduated style on the score, five quantile classes.
std::optional<GraduatedStyle> score_style(const Assessment& assessment);

}  // namespace zanplan
