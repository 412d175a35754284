// zanplan-map: the desktop map of candidate sites, infrastructure and ZAN budgets.
//   zanplan-map [WORKSPACE | SESSION.zanplan] [--profile NAME] [--regime NAME] [--scenario NAME]
//               [--no-basemap] [--basemap URL_TEMPLATE] [--mbtiles FILE] [--screenshot PNG]
//               [--select SITE] [--tab TAB] [--find TEXT] [--identify LAYER:FID]
//   zanplan-map --version
#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QPainter>
#include <QTimer>
#include <QTranslator>
#include <cstdlib>
#include <iostream>
#include <string_view>

#include "main_window.hpp"
#include "zanplan/version.hpp"

#ifndef ZANPLAN_DEFAULT_DATA_DIR
#define ZANPLAN_DEFAULT_DATA_DIR "data"
#endif
#ifndef ZANPLAN_DEFAULT_DOCS_DIR
#define ZANPLAN_DEFAULT_DOCS_DIR "."
#endif
#ifndef ZANPLAN_DEFAULT_WORKSPACE
#define ZANPLAN_DEFAULT_WORKSPACE "workspace/hauts-de-france.gpkg"
#endif

namespace {

// French or English, following the system locale (LANG / LC_ALL); Qt's own strings too.
void install_translations(QApplication& app) {
  auto* ours = new QTranslator(&app);
  if (ours->load(QLocale(), QStringLiteral("zanplan"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
    QApplication::installTranslator(ours);
  }
  auto* qt = new QTranslator(&app);
  if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QApplication::installTranslator(qt);
  }
}

// `--version` is answered before any window system is touched, so that it works on a
// machine without a display (a packaging check, a script).
bool asks_version(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--version" || std::string_view(argv[i]) == "-v") return true;
  }
  return false;
}

// The window with its open popups (the search's list of matches) painted where they show:
// a popup is a window of its own, which grabbing the main window leaves out.
QImage grab_with_popups(QWidget* window) {
  QImage image = window->grab().toImage();
  QPainter painter(&image);
  for (QWidget* popup : QApplication::topLevelWidgets()) {
    if (popup == window || !popup->isVisible() || (popup->windowFlags() & Qt::Popup) != Qt::Popup) continue;
    painter.drawPixmap(window->mapFromGlobal(popup->mapToGlobal(QPoint(0, 0))), popup->grab());
  }
  return image;
}

}  // namespace

int main(int argc, char** argv) {
  if (asks_version(argc, argv)) {
    std::cout << "zanplan-map " << zanplan::version() << '\n';
    return 0;
  }
  QApplication app(argc, argv);
  QApplication::setApplicationVersion(QString::fromUtf8(zanplan::version().data(), static_cast<qsizetype>(zanplan::version().size())));
  QApplication::setApplicationName(QStringLiteral("zanplan-map"));
  QApplication::setOrganizationName(QStringLiteral("zanplan"));
  install_translations(app);

  QCommandLineParser parser;
  parser.setApplicationDescription(QApplication::translate("main", "Sites for gigafactories and datacenters, and ZAN budgets, on a map"));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("workspace"),
                               QApplication::translate("main", "Workspace GeoPackage (default: the demo workspace), or a session file (.zanplan)"));
  const QCommandLineOption profile({"p", "profile"}, QApplication::translate("main", "Profile name"), QStringLiteral("name"), QStringLiteral("gigafactory"));
  const QCommandLineOption regime(QStringLiteral("regime"), QApplication::translate("main", "Legal regime name"), QStringLiteral("name"),
                                  QStringLiteral("climat-resilience-2023"));
  const QCommandLineOption data_dir(QStringLiteral("data-dir"), QApplication::translate("main", "Folder with profiles/ and regimes/"),
                                    QStringLiteral("dir"));
  const QCommandLineOption no_basemap(QStringLiteral("no-basemap"), QApplication::translate("main", "Do not fetch basemap tiles"));
  const QCommandLineOption basemap(QStringLiteral("basemap"), QApplication::translate("main", "XYZ tile URL template"), QStringLiteral("url"));
  const QCommandLineOption attribution(QStringLiteral("attribution"), QApplication::translate("main", "Attribution of the basemap source"),
                                       QStringLiteral("text"));
  const QCommandLineOption mbtiles(QStringLiteral("mbtiles"), QApplication::translate("main", "Offline basemap MBTiles file"), QStringLiteral("file"));
  const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                      QApplication::translate("main", "Save the window as PNG once the sites are scored, then quit"),
                                      QStringLiteral("png"));
  const QCommandLineOption select(QStringLiteral("select"), QApplication::translate("main", "Site to select once scored"), QStringLiteral("id"));
  const QCommandLineOption tab(QStringLiteral("tab"), QApplication::translate("main", "Analysis tab to show: weights, details or budget"),
                               QStringLiteral("tab"));
  const QCommandLineOption scenario(QStringLiteral("scenario"), QApplication::translate("main", "Ledger scenario the envelopes come from"),
                                    QStringLiteral("name"));
  const QCommandLineOption find(QStringLiteral("find"), QApplication::translate("main", "Text typed in the search field before the screenshot"),
                                QStringLiteral("text"));
  const QCommandLineOption identify(QStringLiteral("identify"),
                                    QApplication::translate("main", "User layer feature to show before the screenshot, as LAYER:FID"),
                                    QStringLiteral("layer:fid"));
  parser.addOptions({find, profile, regime, scenario, data_dir, no_basemap, basemap, attribution, mbtiles, screenshot, select, tab, identify});
  parser.process(app);

  zanplan::app::WindowOptions options;
  const char* env_data = std::getenv("ZANPLAN_DATA_DIR");
  options.data_dir = parser.isSet(data_dir) ? parser.value(data_dir).toStdString()
                                            : (env_data != nullptr ? env_data : ZANPLAN_DEFAULT_DATA_DIR);
  options.regime = parser.value(regime).toStdString();
  options.profile = parser.value(profile);
  options.scenario = parser.value(scenario).toStdString();
  const char* env_docs = std::getenv("ZANPLAN_DOCS_DIR");
  options.docs_dir = env_docs != nullptr ? env_docs : ZANPLAN_DEFAULT_DOCS_DIR;
  options.basemap = !parser.isSet(no_basemap);
  if (parser.isSet(basemap)) options.basemap_source.url_template = parser.value(basemap);
  if (parser.isSet(attribution)) options.basemap_source.attribution = parser.value(attribution);
  if (parser.isSet(mbtiles)) options.basemap_source.mbtiles_path = parser.value(mbtiles);
  if (options.basemap_source.mbtiles_path.isEmpty()) {
    options.basemap_source.disk_cache_dir = zanplan::maps::default_disk_cache_dir(options.basemap_source.url_template);
  }

  std::unique_ptr<zanplan::app::MainWindow> window;
  try {
    window = std::make_unique<zanplan::app::MainWindow>(options);
  } catch (const std::exception& e) {
    std::cerr << "zanplan-map: " << e.what() << '\n';
    return 4;  // configuration error, as in docs/exit-codes.md
  }
  const QStringList args = parser.positionalArguments();
  if (!args.isEmpty() && args.front().endsWith(QStringLiteral(".zanplan"))) {
    QString error;
    if (!window->open_session(args.front().toStdString(), &error)) {
      std::cerr << "zanplan-map: error: " << error.toStdString() << '\n';
      return 3;  // bad input, as in docs/exit-codes.md
    }
  } else {
    window->open_workspace(args.isEmpty() ? std::filesystem::path(ZANPLAN_DEFAULT_WORKSPACE)
                                          : std::filesystem::path(args.front().toStdString()));
  }
  window->show();

  if (parser.isSet(screenshot)) {
    const QString path = parser.value(screenshot);
    const std::string site = parser.value(select).toStdString();
    QObject::connect(window->session(), &zanplan::app::Session::failed, &app, [] { QApplication::exit(3); });
    const QString tab_name = parser.value(tab);
    const QString typed = parser.value(find);
    const QString feature = parser.value(identify);
    QObject::connect(window.get(), &zanplan::app::MainWindow::results_shown, &app, [&window, path, site, tab_name, typed, feature] {
      if (!site.empty()) {
        window->select_site(site);
        window->canvas()->zoom_to_selection();
      }
      if (!feature.isEmpty()) {
        const qsizetype colon = feature.lastIndexOf(QLatin1Char(':'));
        bool number = false;
        const qlonglong fid = feature.mid(colon + 1).toLongLong(&number);
        if (colon <= 0 || !number || !window->identify_user_feature(feature.left(colon).toStdString(), fid)) {
          std::cerr << "zanplan-map: no feature " << feature.toStdString() << " in the workspace's user layers\n";
          QApplication::exit(2);
          return;
        }
      }
      if (!tab_name.isEmpty()) window->show_tab(tab_name);
      if (!typed.isEmpty()) window->search_field()->type(typed);
      // Let the map render its frame (and the basemap arrive) before the grab.
      QTimer::singleShot(3000, window.get(), [&window, path] {
        const bool ok = grab_with_popups(window.get()).save(path);
        QApplication::exit(ok ? 0 : 6);
      });
    });
  }
  return QApplication::exec();
}
