// Lambert-93 areas of the real Épinay-sur-Orge parcels (91216, 4,241 parcels) against their
// official `contenance`.
//
// What to expect. `contenance` is the legal area of the parcel, an integer number of m²,
// often measured in older surveys; the geometry is the digitised cadastral plan (PCI
// vecteur). Lambert-93's scale error here is tiny: PROJ gives an areal scale of 0.99953
// (−0.047 %) at 2.32 E 48.67 N (`proj -V +proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44
// +x_0=700000 +y_0=6600000 +ellps=GRS80`), far below the differences measured between plan
// and contenance. Those come from the plan's drawing accuracy (0.2 mm at 1:1000 is 20 cm on
// the ground), so they scale with the perimeter, not the area: small parcels differ by
// several per cent.
//
// Measured on this file (python on `ogrinfo -dialect SQLite -sql "SELECT id, contenance,
// ST_Area(ST_Transform(geometry, 2154)), ST_Perimeter(ST_Transform(geometry, 2154)) ..."`,
// 4,240 parcels with a contenance): median |difference| 1.22 %, 95th percentile 8.6 %;
// 88.8 % within 5 %; 94.9 % within 0.5 m² + 0.2 m × perimeter; signed median +0.14 %;
// parcels of 1 ha or more (51): median 0.40 %. The bounds below leave a margin over these.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "formats/cadastre.hpp"
#include "test_files.hpp"

using namespace zanplan;

namespace {

const auto epinay = test::fixture("cadastre/cadastre-91216-parcelles.json");

double perimeter(const OGRPolygon& polygon) {
  double length = polygon.getExteriorRing()->get_Length();
  for (int i = 0; i < polygon.getNumInteriorRings(); ++i) length += polygon.getInteriorRing(i)->get_Length();
  return length;
}

double upper_median(std::vector<double> values) {
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

double quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(q * static_cast<double>(values.size()))];
}

double share(const std::vector<double>& values, double bound) {
  return static_cast<double>(
             std::count_if(values.begin(), values.end(), [&](double v) { return v <= bound; })) /
         static_cast<double>(values.size());
}

}  // namespace

TEST(CadastreArea, LambertAreasAgreeWithContenance) {
  formats::ParcelReader reader(epinay);
  std::vector<double> relative;  // |area - contenance| / contenance
  std::vector<double> signed_relative;
  std::vector<double> large_relative;  // contenance >= 1 ha
  int within_drawing_accuracy = 0;
  int parcels = 0;
  int without_contenance = 0;
  double total_area = 0.0;
  double total_contenance = 0.0;
  while (auto parcel = reader.next()) {
    ++parcels;
    EXPECT_EQ(parcel->parts, 1) << parcel->id;
    EXPECT_FALSE(parcel->repaired) << parcel->id;
    if (!parcel->contenance) {
      ++without_contenance;
      continue;
    }
    const auto contenance = static_cast<double>(*parcel->contenance);
    const double difference = parcel->area_m2 - contenance;
    relative.push_back(std::abs(difference) / contenance);
    signed_relative.push_back(difference / contenance);
    if (contenance >= 10'000.0) large_relative.push_back(std::abs(difference) / contenance);
    if (std::abs(difference) <= 0.5 + 0.2 * perimeter(*parcel->geometry->toPolygon()))
      ++within_drawing_accuracy;
    total_area += parcel->area_m2;
    total_contenance += contenance;
  }
  ASSERT_EQ(parcels, 4241);
  ASSERT_EQ(without_contenance, 1);  // 91216000AC0389 has no contenance in the file
  const double drawing_share = within_drawing_accuracy / static_cast<double>(relative.size());

  std::cout << fmt::format(
      "91216 area check, {} parcels with contenance:\n"
      "  median |diff| {:.2f} %, 90th pct {:.2f} %, 95th pct {:.2f} %, 99th pct {:.2f} %\n"
      "  within 1 % {:.1f} %, 2 % {:.1f} %, 5 % {:.1f} %, 10 % {:.1f} %\n"
      "  within 0.5 m² + 0.2 m × perimeter {:.1f} %\n"
      "  signed median {:+.3f} %, total area vs total contenance {:+.3f} %\n"
      "  parcels >= 1 ha ({}): median |diff| {:.2f} %\n",
      relative.size(), 100 * upper_median(relative), 100 * quantile(relative, 0.90),
      100 * quantile(relative, 0.95), 100 * quantile(relative, 0.99), 100 * share(relative, 0.01),
      100 * share(relative, 0.02), 100 * share(relative, 0.05), 100 * share(relative, 0.10),
      100 * drawing_share, 100 * upper_median(signed_relative), 100 * (total_area / total_contenance - 1),
      large_relative.size(), 100 * upper_median(large_relative));

  EXPECT_LT(upper_median(relative), 0.02);
  EXPECT_GE(share(relative, 0.05), 0.85);
  EXPECT_GE(drawing_share, 0.93);
  // No systematic bias: a wrong projection or axis order would shift every parcel alike.
  EXPECT_LT(std::abs(upper_median(signed_relative)), 0.005);
  EXPECT_LT(std::abs(total_area / total_contenance - 1), 0.005);
  EXPECT_LT(upper_median(large_relative), 0.01);
}

TEST(CadastreArea, AreasMatchOgrSpatialite) {
  // ogrinfo -q -dialect SQLite -sql "SELECT id, ST_Area(ST_Transform(geometry, 2154)) FROM
  //   \"cadastre-91216-parcelles\" WHERE id IN (...)" cadastre-91216-parcelles.json
  const std::map<std::string, double> expected{
      {"91216000AB0037", 256969.403266514},  // the first and largest parcel
      {"91216000AB0026", 12861.3918067465}, {"91216000AB0039", 5179.60252933079},
      {"91216000AC0389", 48.4745410665189},   // no contenance
      {"91216000ZB0724", 5510.49057530406},   // four holes
      {"91216000ZE0235", 213.799954882401}};  // the last feature
  formats::ParcelReader reader(epinay);
  std::size_t found = 0;
  while (auto parcel = reader.next()) {
    auto it = expected.find(parcel->id);
    if (it == expected.end()) continue;
    ++found;
    EXPECT_NEAR(parcel->area_m2, it->second, 1e-3) << parcel->id;
  }
  EXPECT_EQ(found, expected.size());
}
