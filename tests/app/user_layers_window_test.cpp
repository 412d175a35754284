// The planners' own layers in the real zanplan-map window, offscreen: each is in the layer
// list under its name, drawn over the candidate outlines and under the site markers, and a
// click on one of its features shows the fixture's attributes in the details panel, in
// English and in French.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>
#include <QTreeWidget>
#include <cmath>
#include <filesystem>
#include <numbers>

#include <gtest/gtest.h>
#include <unistd.h>

#include "app/demo_workspace.hpp"
#include "app/window_fixture.hpp"
#include "main_window.hpp"
#include "maps/map_builders.hpp"  // QStrings printed readably
#include "zanplan/maps/region_layers.hpp"
#include "zanplan/user_layers.hpp"

namespace fs = std::filesystem;
using namespace zanplan;

namespace {

const fs::path fixtures = fs::path(ZANPLAN_FIXTURES_DIR) / "user-layers";

// The demo workspace with three user layers, in a copy of its own (the other tests keep the
// demo as it is), built once for the program.
const fs::path& workspace_with_user_layers() {
  static const fs::path path = [] {
    const fs::path copy = demo_workspace().parent_path() / ("user-layers-" + std::to_string(::getpid()) + ".gpkg");
    fs::copy_file(demo_workspace(), copy, fs::copy_options::overwrite_existing);
    for (const auto& [name, file] : {std::pair{"zone", "zone.geojson"}, std::pair{"releves", "survey-points.geojson"},
                                     std::pair{"liaison", "planned-line.geojson"}}) {
      add_user_layer({.workspace = copy, .name = name, .source = (fixtures / file).string(), .source_layer = {}, .selection = {}});
    }
    return copy;
  }();
  return path;
}

// Spherical Web Mercator worked out by hand: x = R λ, y = R ln tan(π/4 + φ/2).
QPointF web_mercator(double lon, double lat) {
  constexpr double r = 6378137.0, degree = std::numbers::pi / 180;
  return {r * lon * degree, r * std::log(std::tan(std::numbers::pi / 4 + lat * degree / 2))};
}

// The fixture's properties of its feature `index`, as the file writes them.
QJsonObject fixture_properties(const char* file, int index) {
  QFile in(QString::fromStdString((fixtures / file).string()));
  EXPECT_TRUE(in.open(QIODevice::ReadOnly));
  return QJsonDocument::fromJson(in.readAll()).object()[QStringLiteral("features")].toArray()[index].toObject()[QStringLiteral("properties")].toObject();
}

// The line of the details text that gives `name`'s value: "name  value".
QString shown_value(const QString& details, const QString& name) {
  const QRegularExpression line(QStringLiteral("^%1 +(.*)$").arg(QRegularExpression::escape(name)), QRegularExpression::MultilineOption);
  const auto match = line.match(details);
  return match.hasMatch() ? match.captured(1) : QStringLiteral("<no line for %1>").arg(name);
}

class UserLayersWindowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(open_scored_window(workspace_with_user_layers(), window));
  }

  // Only the communes and the given layers shown, at 50 m a pixel, then a click on the
  // canvas's middle pixel, the view set so that this pixel is the Web Mercator point `at`
  // (a pixel is (x − centre x) / resolution + width / 2 across, (centre y − y) / resolution +
  // height / 2 down).
  void click_at(QPointF at, const std::vector<QString>& shown_layers) const {
    auto* canvas = window->canvas();
    for (const auto& layer : canvas->layers()) {
      const bool keep = layer.id == maps::kCommunes || std::find(shown_layers.begin(), shown_layers.end(), layer.id) != shown_layers.end();
      canvas->set_layer_visible(layer.id, keep);
    }
    constexpr double resolution = 50;
    const QSize size = canvas->size();
    const QPoint pixel(size.width() / 2, size.height() / 2);
    const QPointF centre(at.x() - (pixel.x() - size.width() / 2.0) * resolution, at.y() + (pixel.y() - size.height() / 2.0) * resolution);
    canvas->set_viewport(maps::Viewport(size, centre, resolution));
    QTest::mouseClick(canvas, Qt::LeftButton, Qt::NoModifier, pixel);
  }

  std::unique_ptr<app::MainWindow> window;
};

TEST_F(UserLayersWindowTest, EachUserLayerIsInTheLayerListUnderItsName) {
  const auto& layers = window->canvas()->layers();
  auto index = [&](const QString& id) {
    for (std::size_t i = 0; i < layers.size(); ++i) {
      if (layers[i].id == id) return static_cast<int>(i);
    }
    return -1;
  };
  for (const char* name : {"zone", "releves", "liaison"}) {
    const QString id = QStringLiteral("user:%1").arg(QLatin1String(name));
    QTreeWidgetItem* item = window->layer_panel()->item_of(id);
    ASSERT_NE(item, nullptr) << name;
    EXPECT_EQ(item->text(0), QLatin1String(name));
    EXPECT_EQ(item->checkState(0), Qt::Checked) << "shown from the start";
    // Over the candidate outlines, under the infrastructure and the site markers.
    EXPECT_GT(index(id), index(maps::kCandidates)) << name;
    EXPECT_LT(index(id), index(maps::kCandidateOverview)) << name;
    EXPECT_LT(index(id), index(maps::kMotorways)) << name;
    EXPECT_LT(index(id), index(maps::kTopSites)) << name;
  }
  // Points over lines over polygons, so that no fill hides a point.
  EXPECT_LT(index(QStringLiteral("user:zone")), index(QStringLiteral("user:liaison")));
  EXPECT_LT(index(QStringLiteral("user:liaison")), index(QStringLiteral("user:releves")));
  // Unticked, a user layer is hidden like any other.
  window->layer_panel()->item_of(QStringLiteral("user:zone"))->setCheckState(0, Qt::Unchecked);
  EXPECT_FALSE(window->canvas()->layer(QStringLiteral("user:zone"))->visible);
}

TEST_F(UserLayersWindowTest, ClickingAFeatureShowsItsAttributes) {
  // Inside zone.geojson's first polygon (3.0–3.1 E, 50.59–50.66 N).
  click_at(web_mercator(3.05, 50.625), {QStringLiteral("user:zone")});
  EXPECT_EQ(window->canvas()->selected_layer(), QStringLiteral("user:zone"));
  QString details = window->details()->toPlainText();
  EXPECT_TRUE(details.startsWith(QStringLiteral("User layer “zone”, feature "))) << details.toStdString();
  const QJsonObject zone = fixture_properties("zone.geojson", 0);
  ASSERT_EQ(zone.size(), 3);
  for (auto it = zone.begin(); it != zone.end(); ++it) {
    const QString expected = it.value().isString() ? it.value().toString() : QString::number(it.value().toInteger());
    EXPECT_EQ(shown_value(details, it.key()), expected) << details.toStdString();
  }
  EXPECT_FALSE(details.contains(QStringLiteral("geom"))) << "the geometry is no attribute";
  EXPECT_FALSE(details.contains(QRegularExpression(QStringLiteral("^fid "), QRegularExpression::MultilineOption)));

  // survey-points.geojson's first point, over the zone: the point wins. A real written the
  // locale's way, a null as "(empty)".
  click_at(web_mercator(3.08, 50.64), {QStringLiteral("user:zone"), QStringLiteral("user:releves")});
  details = window->details()->toPlainText();
  EXPECT_TRUE(details.startsWith(QStringLiteral("User layer “releves”, feature "))) << details.toStdString();
  const QJsonObject point = fixture_properties("survey-points.geojson", 0);
  EXPECT_EQ(shown_value(details, QStringLiteral("nom")), point[QStringLiteral("nom")].toString());
  EXPECT_EQ(QLocale().toDouble(shown_value(details, QStringLiteral("profondeur_m"))), point[QStringLiteral("profondeur_m")].toDouble());
  EXPECT_EQ(shown_value(details, QStringLiteral("niveau")), QString::number(point[QStringLiteral("niveau")].toInteger()));
  ASSERT_TRUE(point[QStringLiteral("remarque")].isNull());
  EXPECT_EQ(shown_value(details, QStringLiteral("remarque")), QStringLiteral("(empty)"));

  // On planned-line.geojson's first segment, halfway: the line.
  const QPointF a = web_mercator(3.03, 50.62), b = web_mercator(3.11, 50.67);
  click_at((a + b) / 2, {QStringLiteral("user:liaison")});
  details = window->details()->toPlainText();
  EXPECT_EQ(shown_value(details, QStringLiteral("projet")), fixture_properties("planned-line.geojson", 0)[QStringLiteral("projet")].toString())
      << details.toStdString();

  // Away from every user feature: the details stay as they were.
  click_at(web_mercator(3.5, 50.3), {QStringLiteral("user:zone")});
  EXPECT_EQ(window->details()->toPlainText(), details);
}

// In French: the title, a decimal comma and "(vide)".
class FrenchUserLayersWindowTest : public UserLayersWindowTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(install_french(french));
    UserLayersWindowTest::SetUp();
  }
  void TearDown() override {
    window.reset();
    remove_french(french);
  }
  QTranslator french;
};

TEST_F(FrenchUserLayersWindowTest, AttributesAreShownInFrench) {
  click_at(web_mercator(3.08, 50.64), {QStringLiteral("user:releves")});
  const QString details = window->details()->toPlainText();
  EXPECT_TRUE(details.startsWith(QStringLiteral("Couche utilisateur « releves », entité "))) << details.toStdString();
  EXPECT_EQ(shown_value(details, QStringLiteral("profondeur_m")), QStringLiteral("12,5"));
  EXPECT_EQ(shown_value(details, QStringLiteral("remarque")), QStringLiteral("(vide)"));
}

}  // namespace
