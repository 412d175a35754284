// An eight-commune tree of communes, EPCI and SCoT with planning statuses, for the communal
// guarantee inside the envelopes and for charging projects. Every figure below is worked by
// hand (tests/ledger/charge_test.cpp repeats the arithmetic where it checks it).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "workspace/builder.hpp"
#include "zanplan/envelope.hpp"

namespace zanplan::testing {

// Region 99, target 50 %. Reference = 10 years of the yearly figure; nothing consumed since 2021.
//  code   EPCI SCoT ref ha target        share  planning                          floor
//  99001  E1   S1   40     SCOT_1  60 %   16     PLU approved 2010                 1
//  99002  E1   S1    1     SCOT_1  60 %    0.4   PLU approved 2010, pooled         1
//  99003  E2   S1    0.5   SCOT_1  60 %    0.2   PLUi approved 2019, 5 déléguées   2
//  99004  E2   S1    0.5   SCOT_1  60 %    0.2   RNU (ineligible)                  0
//  99005  E2   S1    0.25  SCOT_1  60 %    0.1   unknown                           0
//  99006  E3   S2   10     EPCI_E3 30 %    7     carte communale approved 2012     1
//  99007  E3   S2    0     EPCI_E3 30 %    0     carte communale approved 2012,    1.5
//                                                2 déléguées
//  99008  E4   -    20     REGION_99 50 % 10     unknown                           0
// SCoT S1 (16.9 ha): 99002 and 99003 are raised; the rest give up 3 − 0.3 = 2.7 ha in
// proportion: × 13.9 / 16.3. 99002 keeps 0.4 ha and its EPCI E1 holds the 0.6 ha raise.
// EPCI E3 (7 ha): 99007 raised to 1.5, 99006 = 5.5. SCoT S2 has no target of its own.
// Region: reference 72.25, SRADDET envelope 36.125; territories 16.9 + 7 + 10 = 33.9;
// unallocated 2.225.
struct TreeCommune {
  const char* code;
  const char* epci;
  const char* scot;
  double reference_ha;
  const char* document;
  const char* stage;
  const char* date;
  int pooled;
  int deleguees;
};

inline constexpr TreeCommune tree_communes[] = {
    {"99001", "E1", "S1", 40.0, "plu", "approved", "2010-06-01", 0, 0},
    {"99002", "E1", "S1", 1.0, "plu", "approved", "2010-06-01", 1, 0},
    {"99003", "E2", "S1", 0.5, "plui", "approved", "2019-01-15", 0, 5},
    {"99004", "E2", "S1", 0.5, "rnu", "", "", 0, 0},
    {"99005", "E2", "S1", 0.25, "", "", "", 0, 0},
    {"99006", "E3", "S2", 10.0, "carte_communale", "approved", "2012-09-01", 0, 0},
    {"99007", "E3", "S2", 0.0, "carte_communale", "approved", "2012-09-01", 0, 2},
    {"99008", "E4", "", 20.0, "", "", "", 0, 0},
};

inline std::filesystem::path tree_workspace(const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("zanplan_tree_" + name + "_" + std::to_string(::getpid()) + ".gpkg");
  std::filesystem::remove(path);
  workspace::Builder b(path, "99", "Treeland");
  auto& communes = b.create_layer("communes", wkbNone,
                                  {{"code"},
                                   {"nom"},
                                   {"departement"},
                                   {"epci_siren"},
                                   {"scot_id"},
                                   {"communes_deleguees", OFTInteger},
                                   {"planning_document"},
                                   {"planning_stage"},
                                   {"planning_date"},
                                   {"guarantee_pooled", OFTInteger}});
  for (const auto& c : tree_communes) {
    OGRFeature f(communes.GetLayerDefn());
    f.SetField("code", c.code);
    f.SetField("nom", (std::string("Commune ") + c.code).c_str());
    f.SetField("departement", "91");
    f.SetField("epci_siren", c.epci);
    f.SetField("scot_id", c.scot);
    f.SetField("communes_deleguees", c.deleguees);
    f.SetField("planning_document", c.document);
    f.SetField("planning_stage", c.stage);
    f.SetField("planning_date", c.date);
    f.SetField("guarantee_pooled", c.pooled);
    workspace::add_feature(communes, f);
  }
  auto& targets = b.create_layer("zan_targets", wkbNone,
                                 {{"territory_key"},
                                  {"level"},
                                  {"territory_id"},
                                  {"reduction_pct", OFTReal},
                                  {"mapped", OFTInteger},
                                  {"scot_id"},
                                  {"unmapped_reason"}});
  auto target = [&](const char* key, const char* level, const char* id, double pct, int mapped, const char* scot,
                    const char* reason) {
    OGRFeature f(targets.GetLayerDefn());
    f.SetField("territory_key", key);
    f.SetField("level", level);
    f.SetField("territory_id", id);
    f.SetField("reduction_pct", pct);
    f.SetField("mapped", mapped);
    f.SetField("scot_id", scot);
    f.SetField("unmapped_reason", reason);
    workspace::add_feature(targets, f);
  };
  target("REGION_99", "region", "99", 50.0, 1, "", "");
  target("SCOT_1", "scot", "1", 60.0, 1, "S1", "");
  target("EPCI_E3", "epci", "E3", 30.0, 1, "", "");
  target("SCOT_2", "scot", "2", 20.0, 0, "", "not in scot_crosswalk");
  std::vector<workspace::FieldSpec> fields{{"idcom"}};
  for (int y = 2009; y <= 2022; ++y) fields.push_back({cerema_naf_column(y), OFTReal});
  auto& conso = b.create_layer("enaf_consumption", wkbNone, fields);
  for (const auto& c : tree_communes) {
    OGRFeature f(conso.GetLayerDefn());
    f.SetField("idcom", c.code);
    for (int y = 2009; y <= 2022; ++y) {
      const bool reference = y >= 2011 && y <= 2020;
      f.SetField(cerema_naf_column(y).c_str(), reference ? c.reference_ha * 1'000.0 : 0.0);  // ha/10 in m²
    }
    workspace::add_feature(conso, f);
  }
  b.commit();
  return path;
}

}  // namespace zanplan::testing
