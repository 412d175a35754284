// The planner's habits in zanplan-map, on small hand-made inputs: the session file's round
// trip and its refusals, the ranked table's filter against hand counts, the search by code
// and by name without accents, numbers as French writes them, and `--version`.
#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QTemporaryDir>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include "locale_numbers.hpp"
#include "results_filter.hpp"
#include "session_file.hpp"
#include "site_search.hpp"
#include "text_fold.hpp"
#include "weights_panel.hpp"
#include "zanplan/error.hpp"

namespace fs = std::filesystem;
using namespace zanplan;
using namespace zanplan::app;

namespace {

SessionState sample_session(const fs::path& workspace) {
  SessionState s;
  s.workspace = workspace;
  s.profile = "gigafactory";
  s.weights = {{"power_distance_km", 0.45}, {"logistics", 0.3}, {"enaf_ha", 0.15}, {"envelope_share", 0.1}};
  s.method = "topsis";
  s.pene = true;
  s.scenario = "extension-port";
  s.regime = "trace-proposal-2025";
  s.view_center = {300123.25, 6412345.5};
  s.view_resolution = 38.21875;
  s.selected_site = "S80620-0007";
  return s;
}

// The error read_session throws for a file holding `text`.
Error session_error(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
  try {
    (void)read_session(path);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "read_session accepted " << text;
  return Error(ErrorKind::internal, "no error");
}

TEST(SessionFile, RoundTripKeepsEveryField) {
  QTemporaryDir dir;
  const fs::path path = fs::path(dir.path().toStdString()) / "etude.zanplan";
  const SessionState saved = sample_session(fs::path(dir.path().toStdString()) / "w.gpkg");
  write_session(path, saved);
  const SessionState read = read_session(path);
  EXPECT_EQ(read.workspace, saved.workspace);
  EXPECT_EQ(read.profile, "gigafactory");
  EXPECT_EQ(read.weights, saved.weights);
  EXPECT_EQ(read.method, "topsis");
  EXPECT_TRUE(read.pene);
  EXPECT_EQ(read.scenario, "extension-port");
  EXPECT_EQ(read.regime, "trace-proposal-2025");
  EXPECT_EQ(read.view_center, QPointF(300123.25, 6412345.5));
  EXPECT_EQ(read.view_resolution, 38.21875);
  EXPECT_EQ(read.selected_site, "S80620-0007");
  EXPECT_EQ(read, saved);
  // Nothing but the file itself is left in the folder (no temporary beside it).
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path().toStdString()), fs::directory_iterator()), 1);
}

TEST(SessionFile, ARelativeWorkspaceIsTakenFromTheSessionFolder) {
  QTemporaryDir dir;
  const fs::path folder = dir.path().toStdString();
  std::ofstream(folder / "s.zanplan") << R"({"format": "zanplan-session", "version": 1, "workspace": "data/w.gpkg",
    "profile": "datacenter", "weights": {"a": 0.25, "b": 0.75}, "method": "weighted-sum", "pene": false,
    "scenario": "", "regime": "climat-resilience-2023", "selected_site": "",
    "view": {"center_x": 1.0, "center_y": 2.0, "metres_per_pixel": 10}})";
  const SessionState s = read_session(folder / "s.zanplan");
  EXPECT_EQ(s.workspace, fs::absolute(folder) / "data/w.gpkg");
  EXPECT_EQ(s.weights.at("b"), 0.75);
}

TEST(SessionFile, DamagedOrForeignFilesAreRefusedWithTheFileAndTheField) {
  QTemporaryDir dir;
  const fs::path path = fs::path(dir.path().toStdString()) / "bad.zanplan";
  write_session(path, sample_session("/tmp/w.gpkg"));
  std::ifstream in(path);
  const std::string good((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  const Error truncated = session_error(path, good.substr(0, good.size() / 2));
  EXPECT_EQ(truncated.kind(), ErrorKind::input);
  EXPECT_EQ(truncated.context().file, path.string());
  EXPECT_NE(truncated.message().find("not a zanplan session"), std::string::npos) << truncated.message();

  const Error newer = session_error(path, std::string(good).replace(good.find("\"version\": 1"), 12, "\"version\": 2"));
  EXPECT_EQ(newer.context().key, "version");
  EXPECT_NE(newer.message().find("newer"), std::string::npos) << newer.message();

  const Error foreign = session_error(path, R"({"type": "FeatureCollection", "features": []})");
  EXPECT_EQ(foreign.context().key, "format");

  std::string unbalanced = good;
  unbalanced.replace(unbalanced.find("0.45"), 4, "0.95");
  EXPECT_EQ(session_error(path, unbalanced).context().key, "weights");

  std::string far = good;
  far.replace(far.find("38.21875"), 8, "-5");
  EXPECT_EQ(session_error(path, far).context().key, "view.metres_per_pixel");

  std::string escaping = good;
  escaping.replace(escaping.find("\"trace-proposal-2025\""), 21, "\"../../etc/passwd\"");
  EXPECT_EQ(session_error(path, escaping).context().key, "regime");

  EXPECT_EQ(session_error(path, "[1, 2]").kind(), ErrorKind::input);
  EXPECT_THROW((void)read_session(fs::path(dir.path().toStdString()) / "missing.zanplan"), Error);
}

TEST(SessionFile, AnUnwritableTargetKeepsTheEarlierFile) {
  EXPECT_THROW(write_session("/nonexistent-dir/s.zanplan", sample_session("/tmp/w.gpkg")), Error);
}

// Five sites, three ranked and two excluded, in three communes.
std::shared_ptr<ScoreResult> five_sites() {
  auto r = std::make_shared<ScoreResult>();
  auto add = [&](const std::string& id, const std::string& commune, std::optional<std::size_t> rank) {
    AssessedSite s;
    s.facts.id = id;
    s.commune_name = commune;
    s.ranking.rank = rank;
    s.ranking.score = rank ? 1.0 / static_cast<double>(*rank) : NAN;
    if (!rank) s.ranking.exclusion = scoring::Exclusion{scoring::ExclusionCode::too_far_from_power, "12 km; at most 10 km"};
    r->assessment.sites.push_back(s);
  };
  add("S80620-0001", "Péronne", 1);
  add("S80021-0004", "Amiens", 2);
  add("S02691-0002", "Saint-Quentin", 3);
  add("S80620-0009", "Péronne", std::nullopt);
  add("S80021-0011", "Amiens", std::nullopt);
  r->assessment.ranked = 3;
  return r;
}

TEST(ResultsFilter, CountsMatchAHandCount) {
  ResultsModel model;
  model.set_result(five_sites());
  ResultsFilter filter(&model);
  EXPECT_EQ(model.rowCount(), 5);
  EXPECT_EQ(filter.rowCount(), 3);  // ranked only, by default
  filter.set_status(ResultsFilter::Status::excluded);
  EXPECT_EQ(filter.rowCount(), 2);
  filter.set_status(ResultsFilter::Status::all);
  EXPECT_EQ(filter.rowCount(), 5);
  filter.set_text(QStringLiteral("peronne"));  // no accent typed: both Péronne sites
  EXPECT_EQ(filter.rowCount(), 2);
  filter.set_status(ResultsFilter::Status::ranked);
  EXPECT_EQ(filter.rowCount(), 1);
  EXPECT_EQ(filter.site(0)->facts.id, "S80620-0001");
  filter.set_text(QStringLiteral("80021"));  // by site id
  EXPECT_EQ(filter.rowCount(), 1);
  filter.set_status(ResultsFilter::Status::all);
  EXPECT_EQ(filter.rowCount(), 2);
  EXPECT_EQ(filter.row_of("S80620-0001"), -1);  // filtered out
  EXPECT_EQ(filter.row_of("S80021-0011"), 1);
  filter.set_text(QStringLiteral("saint quentin"));
  EXPECT_EQ(filter.rowCount(), 1);
  // The excluded sites say why, in the last column.
  filter.set_text({});
  filter.set_status(ResultsFilter::Status::excluded);
  EXPECT_EQ(filter.index(0, ResultsModel::exclusion).data().toString(), QStringLiteral("too far from a connectable substation (12 km; at most 10 km)"));
  EXPECT_FALSE(filter.index(0, ResultsModel::rank).data().isValid());
}

Hierarchy three_communes() {
  Hierarchy h;
  h.communes["80620"] = {"80620", "Péronne", "", "", "80"};
  h.communes["80021"] = {"80021", "Amiens", "", "", "80"};
  h.communes["02691"] = {"02691", "Saint-Quentin", "", "", "02"};
  h.communes["60057"] = {"60057", "Beauvais", "", "", "60"};
  return h;
}

TEST(SiteSearch, FindsACommuneByCodeAndByNameWithoutAccents) {
  const SearchIndex index(three_communes(), &five_sites()->assessment);
  EXPECT_EQ(index.size(), 4u + 5u);
  const auto by_code = index.find(QStringLiteral("80620"));
  ASSERT_FALSE(by_code.empty());
  EXPECT_EQ(by_code.front().kind, SearchHit::Kind::commune);
  EXPECT_EQ(by_code.front().key, "80620");
  EXPECT_EQ(by_code.front().label, QStringLiteral("Péronne (80620)"));
  // The commune first, then its sites (whose ids hold its code).
  EXPECT_EQ(by_code.size(), 3u);

  for (const QString& typed : {QStringLiteral("PERONNE"), QStringLiteral("péronne"), QStringLiteral("peron")}) {
    const auto hits = index.find(typed);
    ASSERT_FALSE(hits.empty()) << typed.toStdString();
    EXPECT_EQ(hits.front().key, "80620") << typed.toStdString();
  }
  EXPECT_EQ(index.find(QStringLiteral("saint quentin")).front().key, "02691");
  EXPECT_EQ(index.find(QStringLiteral("S80021-0011")).front().kind, SearchHit::Kind::site);
  EXPECT_TRUE(index.find(QStringLiteral("Lille")).empty());
  EXPECT_TRUE(index.find(QStringLiteral("  ")).empty());
}

TEST(TextFold, DropsAccentsCaseAndPunctuation) {
  EXPECT_EQ(fold_for_search(QStringLiteral("Saint-Rémy-en-l'Eau")), QStringLiteral("saint remy en l eau"));
  EXPECT_EQ(fold_for_search(QStringLiteral("  ÉTAPLES ")), QStringLiteral("etaples"));
}

TEST(LocaleNumbers, FrenchWritesCommasAndSpaces) {
  const QLocale before;
  QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
  EXPECT_EQ(format_percent(0.35, 1), QStringLiteral("35,0\u00A0%"));
  EXPECT_EQ(format_number(12345.67, 1), QStringLiteral("12\u202F345,7"));
  EXPECT_EQ(format_number(NAN, 1), QStringLiteral("–"));
  QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
  EXPECT_EQ(format_percent(0.35, 1), QStringLiteral("35.0\u00A0%"));
  EXPECT_EQ(format_number(12345.67, 1), QStringLiteral("12,345.7"));
  QLocale::setDefault(before);
}

TEST(Version, PrintsTheProjectVersionAndExitsZero) {
  const std::string command = std::string(ZANPLAN_MAP_BINARY) + " --version";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char buffer[256] = {};
  const std::string out(buffer, std::fread(buffer, 1, sizeof buffer - 1, pipe));
  const int status = pclose(pipe);
  EXPECT_EQ(out, std::string("zanplan-map ") + ZANPLAN_PROJECT_VERSION + "\n");
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

}  // namespace

// A criterion of the profile's own is titled by what it measures, in French under a French
// locale, and its slider moves its weight like the others'.
TEST(WeightsPanel, ACriterionOfTheProfilesOwnIsTitledByWhatItMeasures) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  std::ifstream shipped(fs::path(ZANPLAN_DATA_DIR) / "profiles" / "gigafactory.toml");
  std::string text((std::istreambuf_iterator<char>(shipped)), std::istreambuf_iterator<char>());
  const std::string weights = "envelope_share = 0.15\n";
  text.replace(text.find(weights), weights.size(), "envelope_share = 0.05\nflood_km = 0.10\n");
  text += "\n[criteria.flood_km]\nlayer = \"ppri\"\nmeasure = \"distance_km\"\nfunction = \"linear\"\nideal = 2.0\nunacceptable = 0.0\n";
  const fs::path profile = fs::path(dir.path().toStdString()) / "flood.toml";
  std::ofstream(profile) << text;

  const QLocale saved;
  QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
  WeightsPanel panel(ZANPLAN_DATA_DIR);
  QString error;
  ASSERT_TRUE(panel.set_profile(QString::fromStdString(profile.string()), &error)) << error.toStdString();
  QLocale::setDefault(saved);
  bool titled = false;
  for (const QLabel* label : panel.findChildren<QLabel*>()) {
    if (label->toolTip() == "flood_km") {
      titled = true;
      EXPECT_TRUE(label->text().startsWith("Distance à la couche ppri (km)")) << label->text().toStdString();
    }
  }
  EXPECT_TRUE(titled);
  ASSERT_NE(panel.slider("flood_km"), nullptr);
  panel.set_weight("flood_km", 0.4);
  EXPECT_NEAR(panel.weight("flood_km"), 0.4, 1e-9);
}

