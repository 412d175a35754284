#include "main_window.hpp"

#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

#include "zanplan/error.hpp"
#include "zanplan/explain.hpp"
#include "view_export.hpp"
#include "zanplan/maps/dossier.hpp"
#include "zanplan/maps/region_layers.hpp"
#include "zanplan/maps/renderer.hpp"

namespace zanplan::app {

MainWindow::MainWindow(WindowOptions options, QWidget* parent)
    : QMainWindow(parent),
      options_(std::move(options)),
      session_(new Session(options_.data_dir, options_.regime, this)),
      canvas_(new maps::MapCanvas(this)),
      layers_(new LayerPanel(canvas_, this)),
      weights_(new WeightsPanel(options_.data_dir, this)),
      results_(new ResultsModel(this)),
      results_view_(new QTableView(this)),
      details_(new QPlainTextEdit(this)),
      budget_(new BudgetPanel(this)),
      cursor_label_(new QLabel(this)),
      scale_label_(new QLabel(this)),
      status_label_(new QLabel(this)),
      busy_bar_(new QProgressBar(this)) {
  setWindowTitle(tr("zanplan — sites and ZAN budgets"));
  setCentralWidget(canvas_);
  if (options_.basemap) {
    basemap_ = new maps::TileFetcher(options_.basemap_source, this);
    canvas_->set_basemap(basemap_);
  }
  build_docks();
  build_menus();

  busy_bar_->setRange(0, 0);  // indeterminate: loading and scoring report no fraction here
  busy_bar_->setMaximumWidth(120);
  busy_bar_->hide();
  statusBar()->addWidget(status_label_, 1);
  statusBar()->addPermanentWidget(busy_bar_);
  statusBar()->addPermanentWidget(scale_label_);
  statusBar()->addPermanentWidget(cursor_label_);

  connect(session_, &Session::loaded, this, &MainWindow::on_loaded);
  connect(session_, &Session::scored, this, &MainWindow::on_scored);
  connect(session_, &Session::failed, this, [this](const QString& what, const QString& message) {
    status_label_->setText(what + QStringLiteral(": ") + message);
    if (isVisible() && !qEnvironmentVariableIsSet("ZANPLAN_NO_DIALOGS")) QMessageBox::warning(this, what, message);
  });
  connect(session_, &Session::busy_changed, this, [this](bool busy, const QString& what) {
    busy_bar_->setVisible(busy);
    if (!what.isEmpty()) status_label_->setText(what);
  });
  connect(weights_, &WeightsPanel::request_changed, this, [this] { session_->score(weights_->request()); });
  connect(weights_, &WeightsPanel::profile_failed, this, [this](const QString& m) { status_label_->setText(m); });
  connect(canvas_, &maps::MapCanvas::cursor_moved, this, [this](double lon, double lat) {
    cursor_label_->setText(QStringLiteral("%1°, %2°").arg(lat, 0, 'f', 5).arg(lon, 0, 'f', 5));
  });
  connect(canvas_, &maps::MapCanvas::viewport_changed, this, [this](const maps::Viewport& v) {
    scale_label_->setText(QStringLiteral("1:%L1").arg(std::round(v.scale_denominator()), 0, 'f', 0));
  });
  connect(canvas_, &maps::MapCanvas::feature_clicked, this, &MainWindow::on_feature_clicked);
  canvas_->setContextMenuPolicy(Qt::CustomContextMenu);
  connect(canvas_, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
    const maps::Hit hit = maps::hit_test(canvas_->layers(), canvas_->viewport(), at);
    if (hit.id.empty() || (hit.layer != maps::kCandidates && hit.layer != maps::kTopSites) || !session_->result()) return;
    QMenu menu(this);
    menu.addAction(tr("Site dossier (PDF)…"), this, [this, id = hit.id] {
      const QString path = QFileDialog::getSaveFileName(this, tr("Save the site dossier"),
                                                        QString::fromStdString("dossier-" + id + ".pdf"), tr("PDF (*.pdf)"));
      QString error;
      if (!path.isEmpty() && !save_dossier(id, path, &error)) QMessageBox::warning(this, tr("Site dossier"), error);
    });
    menu.exec(canvas_->mapToGlobal(at));
  });
  connect(results_view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& index) {
    if (const AssessedSite* s = results_->site(index.row())) {
      select_site(s->facts.id);
      canvas_->zoom_to_selection();  // chosen in the table: bring it into view
    }
  });
  weights_->set_profile(options_.profile);
  resize(1500, 950);
}

void MainWindow::build_docks() {
  auto dock = [this](const QString& title, QWidget* widget, Qt::DockWidgetArea area, const QString& name) {
    auto* d = new QDockWidget(title, this);
    d->setObjectName(name);
    d->setWidget(widget);
    addDockWidget(area, d);
    return d;
  };
  dock(tr("Layers"), layers_, Qt::LeftDockWidgetArea, QStringLiteral("layers"));
  auto* right = analysis_tabs_ = new QTabWidget(this);
  right->addTab(weights_, tr("Profile && weights"));
  details_->setReadOnly(true);
  details_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  details_->setLineWrapMode(QPlainTextEdit::NoWrap);
  details_->setPlaceholderText(tr("Click a site on the map or in the table to see why it scores as it does."));
  right->addTab(details_, tr("Site details"));
  right->addTab(budget_, tr("ZAN budget"));
  right->setObjectName(QStringLiteral("right_tabs"));
  auto* analysis = dock(tr("Analysis"), right, Qt::RightDockWidgetArea, QStringLiteral("analysis"));
  results_view_->setModel(results_);
  results_view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  results_view_->setSelectionMode(QAbstractItemView::SingleSelection);
  results_view_->verticalHeader()->setVisible(false);
  results_view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  results_view_->setAlternatingRowColors(true);
  results_view_->verticalHeader()->setDefaultSectionSize(results_view_->fontMetrics().height() + 6);
  auto* ranked = dock(tr("Ranked sites"), results_view_, Qt::BottomDockWidgetArea, QStringLiteral("results"));
  // Dock sizes apply once the window has its size.
  QTimer::singleShot(0, this, [this, analysis, ranked] {
    resizeDocks({analysis}, {560}, Qt::Horizontal);
    resizeDocks({ranked}, {230}, Qt::Vertical);
  });
}

void MainWindow::build_menus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Open workspace…"), QKeySequence::Open, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a zanplan workspace"), {}, tr("Workspaces (*.gpkg)"));
    if (!path.isEmpty()) open_workspace(path.toStdString());
  });
  file->addAction(tr("&Export results…"), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the ranked sites"), QStringLiteral("sites.gpkg"),
                                                      tr("GeoPackage (*.gpkg);;GeoJSON (*.geojson)"));
    QString error;
    if (!path.isEmpty() && !export_results(path, &error)) QMessageBox::warning(this, tr("Export"), error);
  });
  add_export_view_action(file);
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  view->addAction(tr("Zoom to &region"), QKeySequence(Qt::Key_Home), canvas_, &maps::MapCanvas::zoom_to_all);
  view->addAction(tr("Zoom to &selection"), QKeySequence(Qt::CTRL | Qt::Key_J), canvas_, &maps::MapCanvas::zoom_to_selection);
  view->addAction(tr("Zoom to &top sites"), this, [this] { canvas_->zoom_to_layer(maps::kTopSites); });
  view->addSeparator();
  // The layer list is the legend; the legend on the map is for exported views.
  QAction* legend = view->addAction(tr("&Legend on the map"));
  legend->setCheckable(true);
  legend->setChecked(false);
  canvas_->set_legend_visible(false);
  connect(legend, &QAction::toggled, canvas_, &maps::MapCanvas::set_legend_visible);
}

void MainWindow::open_workspace(const std::filesystem::path& path) {
  first_fit_done_ = false;
  session_->open(path, options_.profile.toStdString());
}

void MainWindow::on_loaded() {
  const auto& w = session_->workspace();
  canvas_->set_layers(w->layers);
  canvas_->set_legend_title(QString::fromStdString(w->ledger.regime_id));
  layers_->sync();
  if (!first_fit_done_) {
    canvas_->zoom_to_layer(maps::kCommunes);
    first_fit_done_ = true;
  }
  setWindowTitle(tr("zanplan — %1").arg(QString::fromStdString(w->path.filename().string())));
  status_label_->setText(tr("Loaded %1 in %2 s").arg(QString::fromStdString(w->path.filename().string())).arg(w->load_ms / 1000, 0, 'f', 1));
  session_->score(weights_->request());
}

void MainWindow::on_scored() {
  const auto& r = session_->result();
  const std::string selected = canvas_->selected_id();
  results_->set_result(r);
  std::vector<maps::MapLayer> layers = canvas_->layers();
  // The overview keeps its place and visibility; the top sites stay on top.
  bool overview_visible = true;
  for (const auto& l : layers) {
    if (l.id == maps::kCandidateOverview) overview_visible = l.visible;
  }
  std::erase_if(layers, [](const maps::MapLayer& l) { return l.id == maps::kTopSites || l.id == maps::kCandidateOverview; });
  for (auto it = layers.begin(); it != layers.end(); ++it) {
    if (it->id != maps::kCandidates) continue;
    const bool visible = it->visible;
    *it = maps::with_assessment(*it, r->assessment);
    it->visible = visible;
    maps::MapLayer overview = maps::candidate_overview_layer(r->assessment, it->style.max_resolution);
    overview.visible = overview_visible;
    layers.insert(it + 1, std::move(overview));
    break;
  }
  layers.push_back(maps::top_sites_layer(r->assessment));
  canvas_->set_layers(std::move(layers));
  canvas_->set_legend_title(QStringLiteral("%1 — %2").arg(QString::fromStdString(r->profile.name),
                                                         QString::fromStdString(session_->workspace()->ledger.regime_id)));
  layers_->sync();
  status_label_->setText(tr("%1: %2 sites ranked of %3 candidates in %4 s")
                             .arg(QString::fromStdString(r->profile.name))
                             .arg(r->assessment.ranked)
                             .arg(r->assessment.candidates_total)
                             .arg(r->score_ms / 1000, 0, 'f', 1));
  if (!selected.empty() && results_->row_of(selected) >= 0) select_site(selected);
  emit results_shown();
}

void MainWindow::select_site(const std::string& id) {
  const auto& r = session_->result();
  if (!r) return;
  const int row = results_->row_of(id);
  if (row >= 0 && results_view_->currentIndex().row() != row) {
    // Follow in the table without its row-change handler, which would zoom the map: a
    // site picked on the map stays where the planner is looking.
    const QSignalBlocker quiet(results_view_->selectionModel());
    results_view_->setCurrentIndex(results_->index(row, 0));
    results_view_->scrollTo(results_->index(row, 0));
    results_view_->viewport()->update();
  }
  canvas_->set_selection(maps::kCandidates, id);
  for (const auto& s : r->assessment.sites) {
    if (s.facts.id == id) {
      show_details(s);
      show_commune(s.facts.commune);
      analysis_tabs_->setCurrentWidget(details_);
      return;
    }
  }
}

void MainWindow::show_tab(const QString& name) {
  if (name == QStringLiteral("weights")) analysis_tabs_->setCurrentWidget(weights_);
  if (name == QStringLiteral("details")) analysis_tabs_->setCurrentWidget(details_);
  if (name == QStringLiteral("budget")) analysis_tabs_->setCurrentWidget(budget_);
}

void MainWindow::show_details(const AssessedSite& site) {
  const auto& r = session_->result();
  details_->setPlainText(QString::fromStdString(explain_site(site, r->profile, r->assessment)));
}

bool MainWindow::save_dossier(const std::string& site_id, const QString& path, QString* error) {
  const auto& r = session_->result();
  if (!r) return false;
  maps::DossierRequest request;
  request.options.workspace = r->workspace;
  request.options.profile = r->profile;
  request.options.regime = session_->regime();
  request.options.scenario = r->assessment.scenario;
  request.options.pene = r->assessment.pene;
  request.assessment = &r->assessment;
  request.site_id = site_id;
  request.lang = QLocale().language() == QLocale::French ? Lang::fr : Lang::en;
  try {
    QApplication::setOverrideCursor(Qt::WaitCursor);
    maps::write_site_dossier(request, path.toStdString());
    QApplication::restoreOverrideCursor();
    return true;
  } catch (const Error& e) {
    QApplication::restoreOverrideCursor();
    if (error != nullptr) *error = QString::fromStdString(e.describe());
    return false;
  }
}

void MainWindow::show_commune(const std::string& code) {
  if (session_->workspace()) budget_->show_commune(*session_->workspace(), code);
}

void MainWindow::on_feature_clicked(const QString& layer, const QString& id) {
  const std::string key = id.toStdString();
  if (layer == maps::kCandidates || layer == maps::kTopSites) {
    select_site(key);  // highlights the site's parcel, whichever of its symbols was clicked
  } else if (layer == maps::kCommunes) {
    show_commune(key);
    analysis_tabs_->setCurrentWidget(budget_);
  } else if (!layer.isEmpty()) {
    status_label_->setText(tr("%1: %2").arg(canvas_->layer(layer) ? canvas_->layer(layer)->title : layer, id));
  }
}

bool MainWindow::export_results(const QString& path, QString* error) {
  const auto& r = session_->result();
  try {
    if (!r) throw_usage("nothing to export: no site has been scored yet");
    const ExportTable table = assessment_table(r->assessment, r->profile);
    if (path.endsWith(QStringLiteral(".geojson"), Qt::CaseInsensitive)) {
      write_geojson(table, path.toStdString());
    } else {
      write_geopackage(table, path.toStdString(), score_style(r->assessment));
    }
  } catch (const std::exception& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
  status_label_->setText(tr("Exported %1").arg(path));
  return true;
}

// File → Export view…: the view as a report map (view_export.hpp).
void MainWindow::add_export_view_action(QMenu* file) {
  file->addAction(tr("Export &view…"), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the map view"), QStringLiteral("map.png"),
                                                      tr("PNG image (*.png);;PDF document (*.pdf)"));
    QString error;
    if (!path.isEmpty() && !export_view(path, &error)) QMessageBox::warning(this, tr("Export"), error);
  });
}

bool MainWindow::export_view(const QString& path, QString* error) {
  maps::MapSnapshot snapshot = canvas_->snapshot();
  snapshot.legend = true;  // an exported image stands alone
  snapshot.report = view_decorations(*session_, snapshot);
  if (!write_report_view(snapshot, path, error)) return false;
  status_label_->setText(tr("Exported %1").arg(path));
  return true;
}

}  // namespace zanplan::app
