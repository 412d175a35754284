#include "main_window.hpp"

#include <QApplication>
#include <QDesktopServices>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
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
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>
#include <string>

#include "zanplan/error.hpp"
#include "zanplan/explain.hpp"
#include "view_export.hpp"
#include "feature_details.hpp"
#include "zanplan/feature_attributes.hpp"
#include "zanplan/maps/dossier.hpp"
#include "zanplan/maps/region_layers.hpp"
#include "zanplan/maps/user_layers.hpp"
#include "zanplan/maps/renderer.hpp"
#include "locale_numbers.hpp"
#include "zanplan/version.hpp"

namespace zanplan::app {

namespace {

// The site's breakdown as `zanplan explain` writes it, in the interface's language.
// The language the interface was translated to: the default QLocale, which main() sets
// from the system locale along with the translator.
Lang interface_lang() { return QLocale().language() == QLocale::French ? Lang::fr : Lang::en; }

QString breakdown_text(const AssessedSite& site, const ScoreResult& result) {
  return QString::fromStdString(explain_site(site, result.profile, result.assessment, interface_lang()));
}

}  // namespace

MainWindow::MainWindow(WindowOptions options, QWidget* parent)
    : QMainWindow(parent),
      options_(std::move(options)),
      session_(new Session(options_.data_dir, options_.regime, this)),
      canvas_(new maps::MapCanvas(this)),
      layers_(new LayerPanel(canvas_, this)),
      weights_(new WeightsPanel(options_.data_dir, this)),
      results_(new ResultsModel(this)),
      filter_(new ResultsFilter(results_, this)),
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
  build_search_bar();

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
    pending_session_.reset();  // its workspace did not open
    status_label_->setText(what + QStringLiteral(": ") + message);
    if (isVisible() && !qEnvironmentVariableIsSet("ZANPLAN_NO_DIALOGS")) QMessageBox::warning(this, what, message);
  });
  connect(session_, &Session::busy_changed, this, [this](bool busy, const QString& what) {
    busy_bar_->setVisible(busy);
    if (!what.isEmpty()) status_label_->setText(what);
  });
  connect(weights_, &WeightsPanel::request_changed, this, [this] { session_->score(current_request()); });
  connect(weights_, &WeightsPanel::profile_failed, this, [this](const QString& m) { status_label_->setText(m); });
  connect(canvas_, &maps::MapCanvas::cursor_moved, this, [this](double lon, double lat) {
    cursor_label_->setText(QStringLiteral("%1°, %2°").arg(format_number(lat, 5), format_number(lon, 5)));
  });
  connect(canvas_, &maps::MapCanvas::viewport_changed, this, [this](const maps::Viewport& v) {
    scale_label_->setText(QStringLiteral("1:%1").arg(format_number(std::round(v.scale_denominator()), 0)));
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
    if (const AssessedSite* s = filter_->site(index.row())) {
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
  layers_dock_ = dock(tr("Layers"), layers_, Qt::LeftDockWidgetArea, QStringLiteral("layers"));
  auto* right = analysis_tabs_ = new QTabWidget(this);
  right->addTab(weights_, tr("Profile && weights"));
  details_->setReadOnly(true);
  details_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  // Wrapped at the panel's width: a breakdown line cut at the edge is a figure the planner
  // does not see.
  details_->setLineWrapMode(QPlainTextEdit::WidgetWidth);
  details_->setPlaceholderText(tr("Click a site on the map or in the table to see why it scores as it does."));
  right->addTab(details_, tr("Details"));  // a site's breakdown, or a user layer's feature
  right->addTab(budget_, tr("ZAN budget"));
  right->setObjectName(QStringLiteral("right_tabs"));
  auto* analysis = dock(tr("Analysis"), right, Qt::RightDockWidgetArea, QStringLiteral("analysis"));
  auto* ranked = dock(tr("Ranked sites"), build_results_pane(), Qt::BottomDockWidgetArea, QStringLiteral("results"));
  // Dock sizes apply once the window has its size.
  QTimer::singleShot(0, this, [this, analysis, ranked] {
    resizeDocks({analysis}, {640}, Qt::Horizontal);
    resizeDocks({ranked}, {230}, Qt::Vertical);
  });
}

// The ranked table under a filter row: text matched in the site id and commune, and which
// sites to show (ranked by default, as `zanplan score` prints them).
QWidget* MainWindow::build_results_pane() {
  auto* pane = new QWidget(this);
  auto* layout = new QVBoxLayout(pane);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* bar = new QHBoxLayout;
  filter_text_ = new QLineEdit(pane);
  filter_text_->setObjectName(QStringLiteral("filter_text"));
  filter_text_->setPlaceholderText(tr("Filter by site id or commune"));
  filter_text_->setClearButtonEnabled(true);
  filter_status_ = new QComboBox(pane);
  filter_status_->setObjectName(QStringLiteral("filter_status"));
  filter_status_->addItem(tr("Ranked sites only"), static_cast<int>(ResultsFilter::Status::ranked));
  filter_status_->addItem(tr("Excluded sites only"), static_cast<int>(ResultsFilter::Status::excluded));
  filter_status_->addItem(tr("All assessed sites"), static_cast<int>(ResultsFilter::Status::all));
  filter_status_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  filter_count_ = new QLabel(pane);
  bar->addWidget(filter_text_, 1);
  bar->addWidget(filter_status_);
  bar->addWidget(filter_count_);
  layout->addLayout(bar);
  layout->addWidget(results_view_, 1);
  connect(filter_text_, &QLineEdit::textChanged, this, [this](const QString& text) {
    filter_->set_text(text);
    update_filter_count();
  });
  connect(filter_status_, &QComboBox::currentIndexChanged, this, [this] {
    filter_->set_status(static_cast<ResultsFilter::Status>(filter_status_->currentData().toInt()));
    update_filter_count();
  });

  results_view_->setModel(filter_);
  results_view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  results_view_->setSelectionMode(QAbstractItemView::SingleSelection);
  results_view_->verticalHeader()->setVisible(false);
  results_view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  results_view_->setAlternatingRowColors(true);
  results_view_->verticalHeader()->setDefaultSectionSize(results_view_->fontMetrics().height() + 6);
  return pane;
}

void MainWindow::update_filter_count() {
  filter_count_->setText(tr("%1 of %2 sites").arg(format_number(filter_->rowCount(), 0), format_number(results_->rowCount(), 0)));
}

// A search field in the toolbar: a commune or a site by name or code, chosen from the list
// or with Enter.
void MainWindow::build_search_bar() {
  QToolBar* bar = addToolBar(tr("Search"));
  bar->setObjectName(QStringLiteral("search_bar"));
  bar->setMovable(false);
  bar->addWidget(new QLabel(tr("Find:"), bar));
  search_ = new SearchField(bar);
  search_->setObjectName(QStringLiteral("search"));
  search_->setMinimumWidth(search_->fontMetrics().horizontalAdvance(search_->placeholderText()) + 40);
  bar->addWidget(search_);
  connect(search_, &SearchField::chosen, this, &MainWindow::on_search_chosen);
}

void MainWindow::on_search_chosen(const SearchHit& hit) {
  if (hit.kind == SearchHit::Kind::site) {
    // An excluded site is not in the ranked-only table: show every assessed site then.
    if (filter_->row_of(hit.key) < 0) filter_status_->setCurrentIndex(filter_status_->findData(static_cast<int>(ResultsFilter::Status::all)));
    select_site(hit.key);
    canvas_->zoom_to_selection();
  } else {
    canvas_->set_selection(maps::kCommunes, hit.key);
    canvas_->zoom_to_selection();
    show_commune(hit.key);
    analysis_tabs_->setCurrentWidget(budget_);
  }
  status_label_->setText(hit.label);
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
  build_session_actions(file);
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
  build_help_menu();
}

void MainWindow::build_session_actions(QMenu* file) {
  file->addSeparator();
  file->addAction(tr("Open &session…"), this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a zanplan session"), {}, tr("zanplan sessions (*.zanplan)"));
    QString error;
    if (!path.isEmpty() && !open_session(path.toStdString(), &error)) QMessageBox::warning(this, tr("Open session"), error);
  });
  file->addAction(tr("Sa&ve session…"), QKeySequence::Save, this, [this] {
    QString path = QFileDialog::getSaveFileName(this, tr("Save the session"), QStringLiteral("session.zanplan"), tr("zanplan sessions (*.zanplan)"));
    if (path.isEmpty()) return;
    if (!path.endsWith(QStringLiteral(".zanplan"))) path += QStringLiteral(".zanplan");
    QString error;
    if (!save_session(path.toStdString(), &error)) QMessageBox::warning(this, tr("Save session"), error);
  });
}

void MainWindow::build_help_menu() {
  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&Documentation"), QKeySequence::HelpContents, this, [this] { show_doc(QStringLiteral("README.md"), tr("Documentation")); });
  help->addAction(tr("&Glossary"), this, [this] { show_doc(QStringLiteral("docs/glossary.md"), tr("Glossary")); });
  help->addAction(tr("The &map"), this, [this] { show_doc(QStringLiteral("docs/map.md"), tr("The map")); });
  help->addSeparator();
  help->addAction(tr("&About zanplan"), this, &MainWindow::show_about);
}

// Opens a document of the distribution in the desktop's viewer, or says where it is when
// there is none (or the file is not installed).
void MainWindow::show_doc(const QString& relative_path, const QString& title) {
  const QString path = QString::fromStdString((options_.docs_dir / relative_path.toStdString()).string());
  if (QFileInfo::exists(path) && QDesktopServices::openUrl(QUrl::fromLocalFile(path))) return;
  const QString text = QFileInfo::exists(path) ? tr("No program is set to open it here; the file is:\n%1").arg(path)
                                               : tr("The file is not installed here. It should be at:\n%1").arg(path);
  status_label_->setText(text);
  if (!qEnvironmentVariableIsSet("ZANPLAN_NO_DIALOGS")) QMessageBox::information(this, title, text);
}

void MainWindow::show_about() {
  const QString version = QString::fromUtf8(zanplan::version().data(), static_cast<qsizetype>(zanplan::version().size()));
  QMessageBox::about(this, tr("About zanplan"),
                     tr("<h3>zanplan %1</h3>"
                        "<p>Siting gigafactories and datacenters in a French region, and the ZAN land-take budget ledger "
                        "(<i>zéro artificialisation nette</i>).</p>"
                        "<p><b>Data sources</b>: IGN ADMIN EXPRESS and INSEE COG (communes), DGCL BANATIC (EPCI), "
                        "SRADDET targets, Cerema (ENAF consumption), RTE via ODRE (substations), SNCF (freight rail), "
                        "OpenStreetMap (basemap, © OpenStreetMap contributors).</p>"
                        "<p><b>Licences</b>: the public data is under the Licence Ouverte 2.0 (Etalab), the SNCF and "
                        "OpenStreetMap data under the ODbL; each source's licence is listed in "
                        "data/region-32/SOURCES.md. Parcels, land cover and consumption since 2021 are SYNTHETIC "
                        "in the demo workspace.</p>")
                         .arg(version));
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
  fit_layer_dock();
  if (!first_fit_done_) {
    canvas_->zoom_to_layer(maps::kCommunes);
    first_fit_done_ = true;
  }
  apply_pending_session_view();
  search_->set_index(SearchIndex(w->hierarchy, nullptr));
  setWindowTitle(tr("zanplan — %1").arg(QString::fromStdString(w->path.filename().string())));
  status_label_->setText(tr("Loaded %1 in %2 s").arg(QString::fromStdString(w->path.filename().string()), format_number(w->load_ms / 1000, 1)));
  session_->score(current_request());
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
  for (auto& layer : layers) {
    if (layer.id != maps::kCandidates) continue;
    const bool visible = layer.visible;
    layer = maps::with_assessment(layer, r->assessment);
    layer.visible = visible;
  }
  if (maps::MapLayer* overview = maps::add_candidate_overview(layers, r->assessment)) overview->visible = overview_visible;
  layers.push_back(maps::top_sites_layer(r->assessment));
  canvas_->set_layers(std::move(layers));
  canvas_->set_legend_title(QStringLiteral("%1 — %2").arg(QString::fromStdString(r->profile.name),
                                                         QString::fromStdString(session_->workspace()->ledger.regime_id)));
  layers_->sync();
  status_label_->setText(tr("%1: %2 sites ranked of %3 candidates in %4 s")
                             .arg(QString::fromStdString(r->profile.name), format_number(static_cast<double>(r->assessment.ranked), 0),
                                  format_number(static_cast<double>(r->assessment.candidates_total), 0), format_number(r->score_ms / 1000, 1)));
  update_filter_count();
  search_->set_index(SearchIndex(session_->workspace()->hierarchy, &r->assessment));
  if (pending_session_ && pending_session_->workspace == r->workspace) {
    // A reopened session's selection, once its sites are scored; its view stays as saved.
    const std::string site = pending_session_->selected_site;
    pending_session_.reset();
    if (!site.empty() && results_->row_of(site) >= 0) select_site(site);
  } else if (!selected.empty() && results_->row_of(selected) >= 0) {
    select_site(selected);
  }
  emit results_shown();
}

void MainWindow::select_site(const std::string& id) {
  const auto& r = session_->result();
  if (!r) return;
  const int row = filter_->row_of(id);
  if (row >= 0 && results_view_->currentIndex().row() != row) {
    // Follow in the table without its row-change handler, which would zoom the map: a
    // site picked on the map stays where the planner is looking.
    const QSignalBlocker quiet(results_view_->selectionModel());
    results_view_->setCurrentIndex(filter_->index(row, 0));
    results_view_->scrollTo(filter_->index(row, 0));
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
  details_->setPlainText(breakdown_text(site, *session_->result()));
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
  request.lang = interface_lang();
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

bool MainWindow::identify_user_feature(const std::string& layer, std::int64_t fid) {
  const QString id = maps::user_layer_id(layer);
  const maps::MapLayer* shown = canvas_->layer(id);
  if (shown == nullptr) return false;
  const std::string key = std::to_string(fid);
  if (std::none_of(shown->data->features.begin(), shown->data->features.end(), [&](const MapFeature& f) { return f.id == key; })) {
    return false;
  }
  canvas_->set_selection(id, key);
  canvas_->zoom_to_selection();
  return show_user_feature(layer, key);
}

// A user layer's feature ids are its fids (read_map_layer without an id field).
bool MainWindow::show_user_feature(const std::string& layer, const std::string& id) {
  const auto& w = session_->workspace();
  if (!w) return false;
  try {
    const std::int64_t fid = std::stoll(id);
    details_->setPlainText(user_feature_text(layer, fid, read_feature_attributes(w->path, layer, fid)));
    status_label_->setText(user_feature_title(layer, fid));
  } catch (const Error& e) {
    status_label_->setText(QString::fromStdString(e.describe()));
    return false;
  } catch (const std::exception& e) {
    status_label_->setText(QString::fromUtf8(e.what()));
    return false;
  }
  analysis_tabs_->setCurrentWidget(details_);
  return true;
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
  } else if (const auto name = maps::user_layer_name(layer)) {
    show_user_feature(*name, key);
  } else if (!layer.isEmpty()) {
    status_label_->setText(tr("%1: %2").arg(canvas_->layer(layer) ? canvas_->layer(layer)->title : layer, id));
  }
}

ScoreRequest MainWindow::current_request() const {
  ScoreRequest request = weights_->request();
  request.scenario = options_.scenario;
  return request;
}

// The layer list as wide as its longest name (within reason), so that names are not cut.
void MainWindow::fit_layer_dock() {
  layers_->resizeColumnToContents(0);
  resizeDocks({layers_dock_}, {std::min(layers_->preferred_width(), width() / 3)}, Qt::Horizontal);
}

SessionState MainWindow::session_state() const {
  SessionState s;
  if (const auto& w = session_->workspace()) s.workspace = w->path;
  s.profile = weights_->request().profile.name;
  for (const auto& item : weights_->request().profile.weights) s.weights.emplace(item.id, item.weight);
  s.method = weights_->method().toStdString();
  s.pene = weights_->request().pene;
  s.scenario = options_.scenario;
  s.regime = session_->regime_name();
  s.view_center = canvas_->viewport().center();
  s.view_resolution = canvas_->viewport().resolution();
  s.selected_site = canvas_->selected_layer() == maps::kCandidates ? canvas_->selected_id() : std::string();
  return s;
}

bool MainWindow::save_session(const std::filesystem::path& path, QString* error) {
  try {
    if (!session_->workspace()) throw_usage("no workspace is open: there is no session to save");
    write_session(path, session_state());
  } catch (const std::exception& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
  status_label_->setText(tr("Session saved to %1").arg(QString::fromStdString(path.string())));
  return true;
}

bool MainWindow::open_session(const std::filesystem::path& path, QString* error) {
  auto fail = [&](const QString& message) {
    if (error) *error = message;
    status_label_->setText(message);
    return false;
  };
  SessionState state;
  try {
    state = read_session(path);
    session_->set_regime(state.regime);
  } catch (const Error& e) {
    return fail(QString::fromStdString(e.describe()));
  } catch (const std::exception& e) {
    return fail(QString::fromUtf8(e.what()));
  }
  QString problem;
  if (!weights_->set_profile(QString::fromStdString(state.profile), &problem) || !weights_->set_weights(state.weights, &problem)) {
    return fail(tr("%1: %2").arg(QString::fromStdString(path.string()), problem));
  }
  weights_->set_method(QString::fromStdString(state.method));
  weights_->set_pene(state.pene);
  options_.scenario = state.scenario;
  options_.profile = QString::fromStdString(state.profile);
  pending_session_ = state;
  open_workspace(state.workspace);
  first_fit_done_ = true;  // the session's view replaces the fit to the region
  return true;
}

void MainWindow::apply_pending_session_view() {
  if (!pending_session_ || pending_session_->workspace != session_->workspace()->path) return;
  maps::Viewport view = canvas_->viewport();
  view.set_center(pending_session_->view_center);
  view.set_resolution(pending_session_->view_resolution);
  canvas_->set_viewport(view);
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
