// The real zanplan-map window, offscreen: a click on a site shows its breakdown, a weight
// change re-ranks the table, the table and the map select together, layers hide, exports
// write files, and the French translation loads.
#include <QCheckBox>
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
#include "main_window.hpp"
#include "ogr/handles.hpp"
#include "zanplan/import.hpp"
#include "zanplan/maps/region_layers.hpp"
#include "zanplan/synthetic.hpp"

namespace fs = std::filesystem;
using namespace zanplan;

namespace {

constexpr int kScoreTimeoutMs = 300'000;  // scoring the region under the sanitizers is slow

}  // namespace

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
    app::WindowOptions options;
    options.data_dir = ZANPLAN_DATA_DIR;
    options.basemap = false;
    window = std::make_unique<app::MainWindow>(options);
    window->resize(1400, 900);
    window->show();
    QSignalSpy shown(window.get(), &app::MainWindow::results_shown);
    window->open_workspace(demo_workspace());
    ASSERT_TRUE(shown.wait(kScoreTimeoutMs)) << "no results after opening the workspace";
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
  EXPECT_EQ(budget->item(5, 0)->text(), QString::number(row.remaining_ha, 'f', 1));
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
  // The table is in rank order with non-increasing scores.
  const auto* model = window->results();
  for (int row = 1; row < model->rowCount(); ++row) {
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
  window->results_view()->setCurrentIndex(window->results()->index(2, 0));
  const std::string id = window->results()->site(2)->facts.id;
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

TEST(Translations, FrenchLoadsAndTranslatesTheWindow) {
  QTranslator french;
  ASSERT_TRUE(french.load(QStringLiteral("zanplan_fr"), QStringLiteral(ZANPLAN_QM_DIR)));
  EXPECT_EQ(french.translate("zanplan::app::MainWindow", "Ranked sites"), QStringLiteral("Sites classés"));
  EXPECT_EQ(french.translate("zanplan::app::ResultsModel", "Commune"), QStringLiteral("Commune"));
  EXPECT_EQ(french.translate("RegionLayers", "Connectable substations"), QStringLiteral("Postes raccordables"));
}

}  // namespace
