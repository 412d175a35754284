// The Cerema "consommation d'espaces NAF" per-commune file, 2009–2023 edition
// (conso2009_2023_resultats_com.csv): 131 columns, `;`, UTF-8, values in m².
// `nafYYartZZ` is the NAF land consumed between 1 January 20YY and 1 January 20ZZ;
// `artYYactZZ`, …hab…, …mix…, …rou…, …fer…, …inc… split it by use. Internal to gis.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace zanplan::formats {

// First and last yearly column: naf09art10 (2009) … naf22art23 (2022).
inline constexpr int cerema_first_year = 2009;
inline constexpr int cerema_last_year = 2022;

// The uses of the yearly split, in the order of the yearly columns.
inline constexpr const char* cerema_uses[] = {"act", "hab", "mix", "rou", "fer", "inc"};

// "naf11art12" for 2011: consumption during calendar year `year`.
std::string cerema_naf_column(int year);
// "art11hab12" for (2011, "hab").
std::string cerema_use_column(int year, const std::string& use);

// Every column of the 2009–2023 edition, in file order (131 names).
const std::vector<std::string>& cerema_layout();
// The naf/art columns a file must have: the yearly naf and split columns and the
// 2009–2023 totals (naf09art23, art09act23, …).
const std::vector<std::string>& cerema_required_columns();
// True for the identifier and label columns (idcom, idcomtxt, …, aav2020_typo), which are
// text; every other column of the layout is a number.
bool cerema_is_text_column(const std::string& column);

struct CeremaRecord {
  std::string commune;                // idcom as written (the COG of the edition)
  std::int64_t line = 0;              // line in the file
  std::map<int, double> naf_by_year;  // calendar year → m² consumed that year
  double naf_total = 0.0;             // naf09art23
  std::vector<std::string> raw;       // every field, in header order
};

struct CeremaFile {
  std::filesystem::path path;
  std::vector<std::string> header;  // as in the file (the layout, possibly with extra columns)
  std::vector<CeremaRecord> records;
};

// Reads and validates the file: every required column present (else an input error naming
// the file and the column), every number valid (file, line, column), the yearly naf
// columns summing to naf09art23 within 1 m² (file, line and commune), and one row per
// commune (file, line).
CeremaFile read_cerema_consumption(const std::filesystem::path& path);

// The ratio columns of the layout, as Cerema computes them (checked on the real rows of
// the test fixture). nullopt where the divisor is 0.
struct CeremaRatios {
  std::optional<double> artcom0923;  // naf09art23 / surfcom2023 × 100 (%)
  std::optional<double> mepart1420;  // (men1420 + emp1420) / consumption 2014–2019 in ha
  std::optional<double> menhab1420;  // men1420 / consumption 2014–2019 in ha
  std::optional<double> artpop1420;  // consumption 2014–2019 in m² / pop1420
};
// consumption_2014_2019_m2 = naf14art15 + … + naf19art20 (1 Jan 2014 to 1 Jan 2020).
CeremaRatios cerema_ratios(double naf09art23, double surfcom2023, double consumption_2014_2019_m2,
                           double pop1420, double men1420, double emp1420);

// Consumption over the calendar years first..last inclusive, e.g. (2011, 2020) =
// naf11art12 + … + naf20art21 (the ZAN reference period). Years outside the file throw.
double reference_consumption_m2(const CeremaRecord& record, int first_year, int last_year);

}  // namespace zanplan::formats
