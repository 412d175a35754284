// explain in French and English on a site built by hand: every figure below is worked out
// by hand from the site's facts and the gigafactory profile, not taken from the program.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "zanplan/explain.hpp"
#include "zanplan/scoring/profile.hpp"

namespace zanplan {
namespace {

const std::string nnbsp = "\u202F";
const std::string nbsp = "\u00A0";

struct Example {
  scoring::Profile profile;
  AssessedSite site;
  Assessment assessment;
};

Example example() {
  Example e;
  e.profile = scoring::load_profile(std::filesystem::path(ZANPLAN_DATA_DIR) / "profiles" / "gigafactory.toml");
  auto& f = e.site.facts;
  f.id = "S-1";
  f.commune = "59350";
  f.land_class = "assembled";
  f.area_ha = 1234.5;
  f.enaf_ha = 40.25;
  f.parcel_count = 12;
  f.brownfield_ha = 2.5;
  f.economic_ha = 10;
  f.compactness = 0.4567;
  f.communes = {{"59350", 1000.0, 30.0}, {"59009", 234.5, 10.25}};
  f.centroid_x = 704000.4;
  f.centroid_y = 7059000.6;
  f.substation = {"AVELI", "AVELIN", 400, 3.5};
  f.motorway = {"A1", "12", 0, 1.25};
  f.rail = {"87286005", "Lille-Délivrance", 0, 2.0};
  f.port = {"1159", "Dunkerque", 0, 70.0};
  f.synthetic = true;
  e.site.commune_name = "Lille";
  auto& z = e.site.zan;
  z.charged_to = "scot 1";
  z.share = 0.35;
  z.detail.level = ChargeLevel::scot;
  TerritoryCharge t;
  t.level = Level::scot;
  t.code = "1";
  t.name = "SCoT de Lille";
  t.target_source = "sraddet";
  t.charged_ha = 40.25;
  t.envelope_ha = 1500;
  t.remaining_before_ha = 115;
  t.remaining_after_ha = 74.75;
  t.share = 0.35;
  z.detail.territories = {t};
  auto& r = e.site.ranking;
  r.id = f.id;
  r.criterion_scores.fill(std::numeric_limits<double>::quiet_NaN());
  // power linear 1 at 1, 0 at 25: (25 − 3.5) / 24 = 0.896; motorway linear 2..20: 1 (1.25 < 2);
  // rail exponential 1 up to 1, halves every 5: 2^(−1/5) = 0.8706; port linear 5..60: 0 (70 > 60);
  // enaf step: 40.25 in (20, 60] → 0.3; envelope share linear 0..1: 0.65.
  r.criterion_scores[scoring::index_of(scoring::Criterion::power_distance_km)] = 0.896;
  r.criterion_scores[scoring::index_of(scoring::Criterion::motorway_distance_km)] = 1.0;
  r.criterion_scores[scoring::index_of(scoring::Criterion::rail_distance_km)] = 0.8706;
  r.criterion_scores[scoring::index_of(scoring::Criterion::port_distance_km)] = 0.0;
  r.criterion_scores[scoring::index_of(scoring::Criterion::enaf_ha)] = 0.3;
  r.criterion_scores[scoring::index_of(scoring::Criterion::envelope_share)] = 0.65;
  // weights power 0.35, motorway 0.10, logistics (best of rail, port) 0.20, enaf 0.20, share 0.15:
  // 0.35×0.896 + 0.10×1 + 0.20×0.8706 + 0.20×0.3 + 0.15×0.65
  //   = 0.3136 + 0.1 + 0.17412 + 0.06 + 0.0975 = 0.74522
  r.sub_scores = {0.896, 1.0, 0.8706, 0.3, 0.65};
  r.score = 0.74522;
  r.rank = 1;
  r.pareto = true;
  r.stability = 0.9;
  r.connection_cost_eur = 11e6;  // 2 M€/km × 3.5 km + a 4 M€ bay
  e.assessment.ranked = 40;
  e.assessment.top_k = 20;
  e.assessment.profile_hash = "00112233aabbccdd";
  return e;
}

void expect_contains(const std::string& text, const std::string& part) {
  EXPECT_NE(text.find(part), std::string::npos) << "missing: " << part << "\nin:\n" << text;
}

TEST(ExplainLang, FrenchWordsAndFrenchNumbers) {
  const Example e = example();
  const std::string text = explain_site(e.site, e.profile, e.assessment, Lang::fr);
  expect_contains(text, "Site S-1 à Lille 59350 (parcelles SYNTHÉTIQUES)\n");
  expect_contains(text, "  12 parcelles, 1" + nnbsp + "234,50 ha : ENAF 40,25 ha, friche 2,50 ha, foncier économique 10,00 ha\n");
  expect_contains(text, "  compacité (Polsby–Popper) 0,46\n");
  // 1000 / 1234.5 = 81.0 %; 234.5 / 1234.5 = 19.0 %
  expect_contains(text, "  commune 59350 : 1" + nnbsp + "000,00 ha (81,0" + nbsp + "% du site), ENAF 30,00 ha\n");
  expect_contains(text, "  commune 59009 : 234,50 ha (19,0" + nbsp + "% du site), ENAF 10,25 ha\n");
  expect_contains(text, "  centroïde (Lambert-93) 704000, 7059001\n");
  expect_contains(text, "  poste raccordable le plus proche : AVELIN (AVELI), 400 kV, 3,50" + nbsp + "km\n");
  expect_contains(text, "  coût de raccordement estimé : 11,0" + nbsp + "M€");
  expect_contains(text, "  échangeur autoroutier 1,25" + nbsp + "km (A1)\n");
  expect_contains(text, "  port 70,00" + nbsp + "km (Dunkerque)\n");
  expect_contains(text, "  décompté sur : scot 1\n");
  expect_contains(text, "  SCoT 1 SCoT de Lille : enveloppe 2021–2030 1" + nnbsp + "500,00" + nbsp + "ha (objectif sraddet), reste 115,00" +
                            nbsp + "ha ; ce site 40,25" + nbsp + "ha → 35,0" + nbsp + "% du reste\n");
  expect_contains(text, "  part déterminante : 35,0" + nbsp + "%\n");
  expect_contains(text, "brut        3,500  → 0,896   (linéaire : 1 à 1, 0 à 25)\n");
  expect_contains(text, "Distance au poste électrique raccordable\n");
  expect_contains(text, "(exponentielle : 1 jusqu'à 1, divisée par 2 tous les 5)\n");
  expect_contains(text, "(paliers : 1 jusqu'à 0, 0,6 jusqu'à 20, 0,3 jusqu'à 60, puis 0)\n");
  expect_contains(text, "    power_distance_km      poids 0,350 × sous-note 0,896 = 0,314\n");
  expect_contains(text, "  note 0,7452\n");
  expect_contains(text, "Rang 1 sur 40, Pareto-optimal sur (coût ZAN, électricité, logistique)\n");
  expect_contains(text, "Reste dans les 20 premiers dans 90" + nbsp + "% des perturbations des poids\n");
  EXPECT_EQ(text.find("remaining"), std::string::npos);
  EXPECT_EQ(text.find("35.0"), std::string::npos);
}

TEST(ExplainLang, EnglishIsAsItWas) {
  const Example e = example();
  const std::string text = explain_site(e.site, e.profile, e.assessment);  // the signature the map calls
  EXPECT_EQ(text, explain_site(e.site, e.profile, e.assessment, Lang::en));
  expect_contains(text, "Site S-1 in Lille 59350 (SYNTHETIC parcels)\n"
                        "  12 parcels, 1234.50 ha: ENAF 40.25 ha, brownfield 2.50 ha, economic land 10.00 ha\n"
                        "  compactness (Polsby–Popper) 0.46\n"
                        "  commune 59350: 1000.00 ha (81.0 % of the site), ENAF 30.00 ha\n"
                        "  commune 59009: 234.50 ha (19.0 % of the site), ENAF 10.25 ha\n"
                        "  centroid (Lambert-93) 704000, 7059001\n\n"
                        "Power\n"
                        "  nearest connectable substation: AVELIN (AVELI), 400 kV, 3.50 km\n"
                        "  estimated connection cost: 11.0 M€ (profile's €/km and bay assumptions)\n"
                        "Logistics (straight-line distance from the site's edge)\n"
                        "  motorway access 1.25 km (A1)\n"
                        "  freight rail point 2.00 km (Lille-Délivrance)\n"
                        "  port 70.00 km (Dunkerque)\n"
                        "ZAN\n"
                        "  charged to: scot 1\n"
                        "  charge level: scot (the scenario's, else the regime's)\n"
                        "  scot 1 SCoT de Lille: envelope 2021–2030 1500.00 ha (target sraddet), remaining 115.00 ha; this "
                        "site 40.25 ha → 35.0 % of what remains\n"
                        "  binding share: 35.0 %\n\n"
                        "Scoring (gigafactory, hash 00112233aabbccdd)\n"
                        "  power_distance_km      raw        3.500  → 0.896   (linear: 1 at 1, 0 at 25)\n");
  expect_contains(text, "  enaf_ha                raw       40.250  → 0.300   (step: 1 up to 0, 0.6 up to 20, 0.3 up to 60, then 0)\n");
  expect_contains(text, "  rail_distance_km       raw        2.000  → 0.871   (exponential: 1 up to 1, halves every 5)\n");
  expect_contains(text, "  weighted items:\n    power_distance_km      weight 0.350 × sub-score 0.896 = 0.314\n");
  expect_contains(text, "  score 0.7452\n\nRank 1 of 40, Pareto-optimal on (ZAN cost, power, logistics)\n"
                        "Stays in the top 20 in 90 % of weight perturbations\n");
}

}  // namespace
}  // namespace zanplan
