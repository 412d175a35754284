// A five-commune test territory with hand-worked envelopes (see the table below), and the
// independent roll-up check shared by the ledger tests.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>

#include "workspace/builder.hpp"
#include "zanplan/ledger.hpp"

namespace zanplan::testing {

// naf per year is the same every year 2009..2022, so reference = 10 × naf, consumed = 2 × naf.
//  code   EPCI SCoT dept naf m²/yr  ref ha  target         share  envelope  consumed  remaining
//  99001  E1   S1   91   40,000     40      SCOT_S1 60 %   16     15.6      8         7.6
//  99002  E1   S1   91   20,000     20      SCOT_S1 60 %   8      7.8       4         3.8
//  99003  E2   S1   92    1,000      1      SCOT_S1 60 %   0.4    1         0.2       0.8
//  99004  E2   -    92   10,000     10      EPCI_E2 30 %   7      7         2         5
//  99005  E3   -    92   30,000     30      REGION_99 50 % 15     15        6         9
// Only 99003 has a planning status (PLU approved 2015): its 1 ha guarantee is taken inside
// SCoT S1's 24.4 ha, the other two giving up 0.6 ha in proportion (× 23.4/24 = 0.975).
// Region: 101 ha × 50 % = 50.5 ha; territories 24.4 + 7 + 15 = 46.4; unallocated 4.1 ha.
struct TinyCommune {
  const char* code;
  const char* epci;
  const char* scot;
  const char* departement;
  double naf_per_year_m2;
};

inline constexpr TinyCommune tiny_communes[] = {
    {"99001", "E1", "S1", "91", 40'000}, {"99002", "E1", "S1", "91", 20'000},
    {"99003", "E2", "S1", "92", 1'000},  {"99004", "E2", "", "92", 10'000},
    {"99005", "E3", "", "92", 30'000},
};

// Removes the test workspaces when the test process ends.
struct TemporaryFiles {
  std::vector<std::filesystem::path> paths;
  ~TemporaryFiles() {
    std::error_code ignored;
    for (const auto& p : paths) {
      std::filesystem::remove(p, ignored);
      std::filesystem::remove(p.string() + "-journal", ignored);
    }
  }
};

inline std::filesystem::path tiny_workspace(const std::string& name) {
  static TemporaryFiles temporary;
  // The process id keeps tests that ctest runs in parallel off each other's files.
  const auto path = std::filesystem::temp_directory_path() /
                    ("zanplan_ledger_" + name + "_" + std::to_string(::getpid()) + ".gpkg");
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-journal");  // left by the crash test's killed writer
  workspace::Builder b(path, "99", "Testland");
  auto& communes = b.create_layer("communes", wkbNone,
                                  {{"code"},
                                   {"nom"},
                                   {"departement"},
                                   {"epci_siren"},
                                   {"scot_id"},
                                   {"planning_document"},
                                   {"planning_stage"},
                                   {"planning_date"}});
  for (const auto& c : tiny_communes) {
    OGRFeature f(communes.GetLayerDefn());
    f.SetField("code", c.code);
    f.SetField("nom", (std::string("Commune ") + c.code).c_str());
    f.SetField("departement", c.departement);
    f.SetField("epci_siren", c.epci);
    f.SetField("scot_id", c.scot);
    const bool planned = std::string(c.code) == "99003";
    f.SetField("planning_document", planned ? "plu" : "");
    f.SetField("planning_stage", planned ? "approved" : "");
    f.SetField("planning_date", planned ? "2015-05-01" : "");
    workspace::add_feature(communes, f);
  }
  auto& targets = b.create_layer("zan_targets", wkbNone,
                                 {{"territory_key"},
                                  {"level"},
                                  {"territory_id"},
                                  {"reduction_pct", OFTReal},
                                  {"mapped", OFTInteger},
                                  {"scot_id"}});
  auto target = [&](const char* key, const char* level, const char* id, double pct, const char* scot) {
    OGRFeature f(targets.GetLayerDefn());
    f.SetField("territory_key", key);
    f.SetField("level", level);
    f.SetField("territory_id", id);
    f.SetField("reduction_pct", pct);
    f.SetField("mapped", 1);
    f.SetField("scot_id", scot);
    workspace::add_feature(targets, f);
  };
  target("REGION_99", "region", "99", 50.0, "");
  target("SCOT_S1", "scot", "1", 60.0, "S1");
  target("EPCI_E2", "epci", "E2", 30.0, "");
  std::vector<workspace::FieldSpec> fields{{"idcom"}};
  for (int y = 2009; y <= 2022; ++y) fields.push_back({cerema_naf_column(y), OFTReal});
  auto& conso = b.create_layer("enaf_consumption", wkbNone, fields);
  for (const auto& c : tiny_communes) {
    OGRFeature f(conso.GetLayerDefn());
    f.SetField("idcom", c.code);
    for (int y = 2009; y <= 2022; ++y) f.SetField(cerema_naf_column(y).c_str(), c.naf_per_year_m2);
    workspace::add_feature(conso, f);
  }
  b.commit();
  temporary.paths.push_back(path);
  return path;
}

inline LegalRegime law() { return load_regime(ZANPLAN_DATA_DIR "/regimes/climat-resilience-2023.toml"); }

inline ScenarioStore tiny_store(const std::filesystem::path& workspace) {
  return ScenarioStore(workspace, [](const std::string& id) {
    return load_regime(std::filesystem::path(ZANPLAN_DATA_DIR) / "regimes" / (id + ".toml"));
  });
}

// Every parent row must equal the sum of the commune rows grouped by `group_of` (built by the
// caller from the workspace, not by the ledger) plus its own reserve and reserve outflows.
inline void expect_rollup(const Ledger& ledger, Level level,
                          const std::map<std::string, std::string>& group_of, const Scenario* scenario) {
  std::map<std::string, LedgerRow> expected;
  for (const auto& row : ledger.rows.at(Level::commune)) {
    auto it = group_of.find(row.code);
    ASSERT_NE(it, group_of.end()) << row.code;
    if (it->second.empty()) continue;
    LedgerRow& e = expected[it->second];
    e.communes += 1;
    e.reference_ha += row.reference_ha;
    e.envelope_ha += row.envelope_ha + row.pooled_guarantee_ha;  // a pooled raise is the EPCI's
    e.remaining_ha += row.pooled_guarantee_ha;
    e.consumed_ha += row.consumed_ha;
    e.committed_ha += row.committed_ha;
    e.transfers_in_ha += row.transfers_in_ha;
    e.transfers_out_ha += row.transfers_out_ha;
    e.remaining_ha += row.remaining_ha;
  }
  if (scenario != nullptr) {
    for (const auto& [territory, hectares] : scenario->reserves) {
      if (territory.level != level) continue;
      expected[territory.code].envelope_ha += hectares;
      expected[territory.code].remaining_ha += hectares;
    }
    for (const auto& t : scenario->transfers) {
      if (t.from.level != level) continue;
      expected[t.from.code].transfers_out_ha += t.hectares;
      expected[t.from.code].remaining_ha -= t.hectares;
    }
  }
  if (level == Level::region) {
    // The region's envelope is the SRADDET's: its territories' plus what they leave unallocated.
    for (auto& [_, e] : expected) {
      e.envelope_ha += ledger.unallocated_ha;
      e.remaining_ha += ledger.unallocated_ha;
    }
  }
  ASSERT_EQ(ledger.rows.at(level).size(), expected.size()) << level_name(level);
  constexpr double tolerance = 1e-6;
  for (const auto& row : ledger.rows.at(level)) {
    SCOPED_TRACE(level_name(level) + " " + row.code);
    ASSERT_TRUE(expected.count(row.code));
    const LedgerRow& e = expected.at(row.code);
    EXPECT_EQ(row.communes, e.communes);
    EXPECT_NEAR(row.reference_ha, e.reference_ha, tolerance);
    EXPECT_NEAR(row.envelope_ha, e.envelope_ha, tolerance);
    EXPECT_NEAR(row.consumed_ha, e.consumed_ha, tolerance);
    EXPECT_NEAR(row.committed_ha, e.committed_ha, tolerance);
    EXPECT_NEAR(row.transfers_in_ha, e.transfers_in_ha, tolerance);
    EXPECT_NEAR(row.transfers_out_ha, e.transfers_out_ha, tolerance);
    EXPECT_NEAR(row.remaining_ha, e.remaining_ha, tolerance);
  }
}

}  // namespace zanplan::testing
