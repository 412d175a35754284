// The real zanplan-map window, offscreen: a click on a site shows its breakdown, a weight
// change re-ranks the table, the table and the map select together, layers hide, exports
// write files, and the French translation loads.
#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QSignalSpy>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <filesystem>
#include <fstream>
#include <regex>

#include <gtest/gtest.h>
#include <unistd.h>

#include "app/demo_workspace.hpp"
#include "app/window_fixture.hpp"
#include "main_window.hpp"
#include "ogr/handles.hpp"
#include "zanplan/import.hpp"
#include "zanplan/maps/region_layers.hpp"
#include "zanplan/synthetic.hpp"

namespace fs = std::filesystem;
using namespace zanplan;

namespace {

// The demo region at a low parcel density in its own folder, removed when the program ends.
struct DemoWorkspace {
  fs::path dir = fs::temp_directory_path() / ("zanplan_app_test_" + std::to_string(::getpid()));
  fs::path path = dir / "demo.gpkg";

  DemoWorkspace() {
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path data = fs::path(ZANPLAN_DATA_DIR) / "region-32";
    std::ifstream in(data / "sources.toml");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    text = std::regex_replace(text, std::regex("file = \"(real/|scot-|communal-)"), "file = \"" + data.string() + "/$1");
    const fs::path manifest = dir / "sources.toml";
    std::ofstream(manifest) << text;
    generate_synthetic_inputs({.sources = manifest, .seed = 7, .density = 0.002, .progress = {}});
    import_workspace({.sources = manifest, .output = path, .real_only = false, .progress = {}});
  }
  ~DemoWorkspace() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
  DemoWorkspace(const DemoWorkspace&) = delete;
  DemoWorkspace& operator=(const DemoWorkspace&) = delete;
};

}  // namespace

// Built on first use, once for the whole test program.
const fs::path& demo_workspace() {
  static const DemoWorkspace workspace;
  return workspace.path;
}

namespace {

class MainWindowTest : public ::testing::Test {
 protected:

  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(open_scored_window(demo_workspace(), window));
    ASSERT_GT(window->results()->rowCount(), 3);
    wait_for_frame();
  }

  void wait_for_frame() const {
    auto* canvas = window->canvas();
    for (int i = 0; i < 200 && (canvas->render_pending() || canvas->frame().isNull()); ++i) QTest::qWait(25);
  }

  std::vector<std::string> ranked_ids(int n) const {
    std::vector<std::string> ids;
    for (int row = 0; row < n && row < window->results()->rowCount(); ++row) ids.push_back(window->results()->site(row)->facts.id);
    return ids;
  }

  std::unique_ptr<app::MainWindow> window;
};


TEST_F(MainWindowTest, ClickingASiteOnTheMapShowsItsBreakdownAndItsBudget) {
  auto* canvas = window->canvas();
  const maps::MapLayer* top = canvas->layer(maps::kTopSites);
  ASSERT_NE(top, nullptr);
  ASSERT_FALSE(top->data->features.empty());
  // Zoom onto the best site, then click its marker.
  const zanplan::MapFeature& best = top->data->features.front();
  ASSERT_EQ(best.label, "1");
  zanplan::MapBounds around = best.bounds;
  around.add(best.bounds.min_x - 3000, best.bounds.min_y - 3000);
  around.add(best.bounds.max_x + 3000, best.bounds.max_y + 3000);
  canvas->zoom_to_bounds(around);
  wait_for_frame();
  const QPointF at = canvas->viewport().to_screen(best.xy[0], best.xy[1]);
  QTest::mouseClick(canvas, Qt::LeftButton, Qt::NoModifier, at.toPoint());

  EXPECT_EQ(canvas->selected_id(), best.id);
  const QString details = window->details()->toPlainText();
  EXPECT_TRUE(details.contains(QString::fromStdString("Site " + best.id))) << details.toStdString();
  EXPECT_TRUE(details.contains(QStringLiteral("Rank 1 of"))) << details.toStdString();
  EXPECT_TRUE(details.contains(QStringLiteral("weighted items")));
  EXPECT_EQ(window->results_view()->currentIndex().row(), 0);
  // The budget panel lists the site's commune and the territories above it, up to the region.
  auto* budget = window->budget()->table();
  ASSERT_GE(budget->columnCount(), 4);
  EXPECT_EQ(budget->horizontalHeaderItem(0)->text(), QStringLiteral("Commune"));
  EXPECT_EQ(budget->horizontalHeaderItem(budget->columnCount() - 1)->text(), QStringLiteral("Région"));
  // The commune's remaining envelope is its envelope minus what it consumed and committed.
  const auto& row = *window->session()->workspace()->ledger.find(Level::commune, window->results()->site(0)->facts.commune);
  EXPECT_EQ(budget->item(5, 0)->text(), QLocale().toString(row.remaining_ha, 'f', 1));
  EXPECT_NEAR(row.remaining_ha, row.envelope_ha + row.transfers_in_ha - row.transfers_out_ha - row.consumed_ha - row.committed_ha, 1e-9);
}

TEST_F(MainWindowTest, ChangingAWeightReRanksTheTable) {
  const auto before = ranked_ids(10);
  auto* weights = window->weights();
  const double power_before = weights->weight(QStringLiteral("power_distance_km"));
  ASSERT_GT(power_before, 0.2);
  QSignalSpy shown(window.get(), &app::MainWindow::results_shown);
  weights->slider(QStringLiteral("power_distance_km"))->setValue(0);  // as if dragged to 0
  ASSERT_TRUE(shown.wait(kScoreTimeoutMs));
  EXPECT_DOUBLE_EQ(weights->weight(QStringLiteral("power_distance_km")), 0.0);
  EXPECT_NE(ranked_ids(10), before) << "the ranking ignores the power weight";
  // The table is in rank order with non-increasing scores (ranked sites first, then excluded ones).
  const auto* model = window->results();
  for (int row = 1; row < model->rowCount() && model->site(row)->ranking.rank; ++row) {
    EXPECT_EQ(*model->site(row)->ranking.rank, static_cast<std::size_t>(row + 1));
    EXPECT_LE(model->site(row)->ranking.score, model->site(row - 1)->ranking.score + 1e-12);
  }
  // The scores match an independent weighted sum of the displayed sub-scores and weights.
  const auto& profile = window->session()->result()->profile;
  const auto& s = *model->site(0);
  double sum = 0;
  for (std::size_t i = 0; i < profile.weights.size(); ++i) sum += profile.weights[i].weight * s.ranking.sub_scores[i];
  EXPECT_NEAR(sum, s.ranking.score, 1e-9);
}

TEST_F(MainWindowTest, SelectingARowSelectsTheSiteOnTheMap) {
  window->results_view()->setCurrentIndex(window->results_filter()->index(2, 0));
  const std::string id = window->results_filter()->site(2)->facts.id;
  EXPECT_EQ(window->canvas()->selected_id(), id);
  EXPECT_EQ(window->canvas()->selected_layer(), maps::kCandidates);
  EXPECT_TRUE(window->details()->toPlainText().contains(QStringLiteral("Rank 3 of")));
}

TEST_F(MainWindowTest, UntickingALayerHidesIt) {
  auto* list = window->layer_panel();
  QTreeWidgetItem* substations = list->item_of(maps::kSubstations);
  ASSERT_NE(substations, nullptr);
  ASSERT_TRUE(window->canvas()->layer(maps::kSubstations)->visible);
  substations->setCheckState(0, Qt::Unchecked);
  EXPECT_FALSE(window->canvas()->layer(maps::kSubstations)->visible);
  // The list is the legend: the substations' voltage classes are listed under the layer.
  EXPECT_EQ(substations->childCount(), 3);
  // The list shows the top layer first, as drawn.
  EXPECT_EQ(list->topLevelItem(0)->data(0, Qt::UserRole).toString(), window->canvas()->layers().back().id);
}

TEST_F(MainWindowTest, ExportsTheResultsAndTheView) {
  QTemporaryDir out;
  QString error;
  const QString gpkg = out.filePath(QStringLiteral("sites.gpkg"));
  ASSERT_TRUE(window->export_results(gpkg, &error)) << error.toStdString();
  auto dataset = ogr::open_vector(gpkg.toStdString());
  ASSERT_EQ(dataset->GetLayerCount(), 1 + (dataset->GetLayerByName("layer_styles") ? 1 : 0));
  const auto ranked = static_cast<GIntBig>(window->session()->result()->assessment.sites.size());
  EXPECT_EQ(dataset->GetLayer(0)->GetFeatureCount(), ranked);

  const QString png = out.filePath(QStringLiteral("view.png"));
  ASSERT_TRUE(window->export_view(png, &error)) << error.toStdString();
  const QImage image(png);
  EXPECT_EQ(image.size(), window->canvas()->size());

  // Through Qt's PDF writer when the name ends in .pdf: a whole PDF file.
  const QString pdf = out.filePath(QStringLiteral("view.pdf"));
  ASSERT_TRUE(window->export_view(pdf, &error)) << error.toStdString();
  QFile written(pdf);
  ASSERT_TRUE(written.open(QIODevice::ReadOnly));
  const QByteArray bytes = written.readAll();
  EXPECT_TRUE(bytes.startsWith("%PDF-"));
  EXPECT_TRUE(bytes.trimmed().endsWith("%%EOF"));

  EXPECT_FALSE(window->export_view(QStringLiteral("/nonexistent-dir/view.png"), &error));
  EXPECT_TRUE(error.contains(QStringLiteral("/nonexistent-dir/view.png")));
}

TEST_F(MainWindowTest, ASessionSavedAndReopenedInAnotherWindowIsTheSame) {
  // A planner's changes: a weight, a site chosen in the table (which zooms onto it).
  QSignalSpy shown(window.get(), &app::MainWindow::results_shown);
  window->weights()->set_weight(QStringLiteral("power_distance_km"), 0.2);
  ASSERT_TRUE(shown.wait(kScoreTimeoutMs));
  window->results_view()->setCurrentIndex(window->results_filter()->index(1, 0));
  const app::SessionState saved = window->session_state();
  ASSERT_EQ(saved.selected_site, window->results_filter()->site(1)->facts.id);
  ASSERT_EQ(saved.weights.at("power_distance_km"), 0.2);
  QTemporaryDir dir;
  const fs::path path = fs::path(dir.path().toStdString()) / "etude.zanplan";
  QString error;
  ASSERT_TRUE(window->save_session(path, &error)) << error.toStdString();

  app::WindowOptions options;
  options.data_dir = ZANPLAN_DATA_DIR;
  options.basemap = false;
  app::MainWindow reopened(options);
  reopened.resize(window->size());
  reopened.show();
  QSignalSpy reshown(&reopened, &app::MainWindow::results_shown);
  ASSERT_TRUE(reopened.open_session(path, &error)) << error.toStdString();
  ASSERT_TRUE(reshown.wait(kScoreTimeoutMs));
  const app::SessionState state = reopened.session_state();
  EXPECT_EQ(state.workspace, demo_workspace());
  EXPECT_EQ(state.profile, saved.profile);
  EXPECT_EQ(state.weights, saved.weights);
  EXPECT_EQ(state.method, saved.method);
  EXPECT_EQ(state.pene, saved.pene);
  EXPECT_EQ(state.scenario, saved.scenario);
  EXPECT_EQ(state.regime, "climat-resilience-2023");
  EXPECT_EQ(state.view_center, saved.view_center);
  EXPECT_DOUBLE_EQ(state.view_resolution, saved.view_resolution);
  EXPECT_EQ(state.selected_site, saved.selected_site);
  EXPECT_DOUBLE_EQ(reopened.weights()->weight(QStringLiteral("power_distance_km")), 0.2);

  // A damaged file leaves the window as it was, with a message naming the file.
  std::ofstream(path) << "{\"format\": \"zanplan-session\", \"version\": ";
  EXPECT_FALSE(reopened.open_session(path, &error));
  EXPECT_TRUE(error.contains(QString::fromStdString(path.string()))) << error.toStdString();
  EXPECT_EQ(reopened.session_state().selected_site, saved.selected_site);
}

TEST_F(MainWindowTest, SearchFindsACommuneByItsNameWithoutAccents) {
  const auto& communes = window->session()->workspace()->hierarchy.communes;
  ASSERT_TRUE(communes.contains("80620"));
  ASSERT_EQ(communes.at("80620").name, "Péronne");
  window->search_field()->setText(QStringLiteral("PERONNE"));
  ASSERT_TRUE(window->search_field()->choose_best());
  EXPECT_EQ(window->canvas()->selected_layer(), maps::kCommunes);
  EXPECT_EQ(window->canvas()->selected_id(), "80620");
  // Its budget is shown, and the map is zoomed onto it: the view is inside the region's
  // extent and far closer than the whole region.
  EXPECT_TRUE(window->budget()->table()->item(0, 0)->text().contains(QStringLiteral("80620")));
  EXPECT_LT(window->canvas()->viewport().resolution(), 200.0);
  // By code, a site: selected in the table and on the map.
  const std::string site = window->results_filter()->site(4)->facts.id;
  window->search_field()->setText(QString::fromStdString(site));
  ASSERT_TRUE(window->search_field()->choose_best());
  EXPECT_EQ(window->canvas()->selected_id(), site);
  EXPECT_EQ(window->results_view()->currentIndex().row(), 4);
  window->search_field()->setText(QStringLiteral("no such place"));
  EXPECT_FALSE(window->search_field()->choose_best());
}

TEST_F(MainWindowTest, TheTableFilterShowsRankedOrExcludedSites) {
  const auto& assessment = window->session()->result()->assessment;
  std::size_t excluded = 0;
  for (const auto& s : assessment.sites) excluded += s.ranking.rank ? 0u : 1u;
  auto* filter = window->results_filter();
  EXPECT_EQ(static_cast<std::size_t>(filter->rowCount()), assessment.sites.size() - excluded);
  window->filter_status()->setCurrentIndex(1);  // excluded only
  EXPECT_EQ(static_cast<std::size_t>(filter->rowCount()), excluded);
  for (int row = 0; row < filter->rowCount(); ++row) EXPECT_FALSE(filter->site(row)->ranking.rank.has_value());
  window->filter_status()->setCurrentIndex(2);  // all
  EXPECT_EQ(static_cast<std::size_t>(filter->rowCount()), assessment.sites.size());
  // A commune's name typed in the filter keeps its sites only.
  const std::string commune = filter->site(0)->commune_name;
  std::size_t in_commune = 0;
  for (const auto& s : assessment.sites) in_commune += s.commune_name == commune ? 1u : 0u;
  window->filter_text()->setText(QString::fromStdString(commune));
  EXPECT_GE(static_cast<std::size_t>(filter->rowCount()), in_commune);  // an id may also contain the text
  for (int row = 0; row < filter->rowCount(); ++row) {
    const auto* s = filter->site(row);
    EXPECT_TRUE(s->commune_name == commune || s->facts.id.find(commune) != std::string::npos);
  }
}

// The window in French: a French planner's number format and no name or column cut.
class FrenchWindowTest : public MainWindowTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(install_french(french));
    MainWindowTest::SetUp();
  }
  void TearDown() override {
    window.reset();
    remove_french(french);
  }
  QTranslator french;
};

TEST_F(FrenchWindowTest, PanelsAreInFrenchAndNothingIsCut) {
  window->select_site(window->results_filter()->site(0)->facts.id);
  window->show_tab(QStringLiteral("budget"));
  QTest::qWait(50);
  auto* table = window->budget()->table();
  EXPECT_EQ(table->verticalHeaderItem(1)->text(), QStringLiteral("Enveloppe ha"));
  EXPECT_EQ(window->results_filter()->headerData(app::ResultsModel::area, Qt::Horizontal).toString(), QStringLiteral("Surface ha"));
  // The commune's remaining hectares with a decimal comma.
  const auto& row = *window->session()->workspace()->ledger.find(Level::commune, window->results_filter()->site(0)->facts.commune);
  const QString remaining = table->item(5, 0)->text();
  EXPECT_TRUE(remaining.contains(QLatin1Char(','))) << remaining.toStdString();
  EXPECT_FALSE(remaining.contains(QLatin1Char('.'))) << remaining.toStdString();
  EXPECT_NEAR(QLocale(QLocale::French).toDouble(remaining), row.remaining_ha, 0.051);
  // Every line of every cell and header fits its column (QFontMetrics against the width).
  const QFontMetrics fm(table->font());
  for (int c = 0; c < table->columnCount(); ++c) {
    for (int r = 0; r < table->rowCount(); ++r) {
      for (const QString& line : table->item(r, c)->text().split(QLatin1Char('\n'))) {
        EXPECT_LE(fm.horizontalAdvance(line), table->columnWidth(c)) << line.toStdString();
      }
    }
    EXPECT_LE(fm.horizontalAdvance(table->horizontalHeaderItem(c)->text()), table->horizontalHeader()->sectionSize(c));
  }
  for (int r = 0; r < table->rowCount(); ++r) {
    EXPECT_LE(fm.horizontalAdvance(table->verticalHeaderItem(r)->text()), table->verticalHeader()->width());
  }
  // One-line labels of the budget and weights panels are as wide as their text.
  for (QWidget* panel : {static_cast<QWidget*>(window->budget()), static_cast<QWidget*>(window->weights())}) {
    for (const QLabel* label : panel->findChildren<QLabel*>()) {
      if (label->wordWrap() || !label->isVisible() || label->text().isEmpty()) continue;
      EXPECT_GE(label->width(), label->minimumSizeHint().width()) << label->text().toStdString();
    }
  }
  // The layer list's column holds its longest name with its swatch, and the list is as wide
  // as that column.
  auto* layers = window->layer_panel();
  for (int i = 0; i < layers->topLevelItemCount(); ++i) {
    const QTreeWidgetItem* item = layers->topLevelItem(i);
    EXPECT_GE(layers->header()->sectionSize(0), layers->fontMetrics().horizontalAdvance(item->text(0)) + layers->iconSize().width())
        << item->text(0).toStdString();
  }
  EXPECT_GE(layers->width(), layers->preferred_width());
}

TEST(Translations, FrenchLoadsAndTranslatesTheWindow) {
  QTranslator french;
  ASSERT_TRUE(french.load(QStringLiteral("zanplan_fr"), QStringLiteral(ZANPLAN_QM_DIR)));
  EXPECT_EQ(french.translate("zanplan::app::MainWindow", "Ranked sites"), QStringLiteral("Sites classés"));
  EXPECT_EQ(french.translate("zanplan::app::ResultsModel", "Commune"), QStringLiteral("Commune"));
  EXPECT_EQ(french.translate("RegionLayers", "Connectable substations"), QStringLiteral("Postes raccordables"));
}

}  // namespace
