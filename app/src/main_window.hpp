// zanplan-map's main window: the map in the centre; layers on the left; the profile and
// weights, the site details and the ZAN budget on the right; the ranked sites below.
#pragma once

#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QTabWidget>
#include <QTableView>
#include <cstdint>
#include <filesystem>
#include <optional>

#include "budget_panel.hpp"
#include "layer_panel.hpp"
#include "results_filter.hpp"
#include "results_model.hpp"
#include "session.hpp"
#include "session_file.hpp"
#include "site_search.hpp"
#include "weights_panel.hpp"
#include "zanplan/maps/canvas.hpp"
#include "zanplan/maps/tiles.hpp"

namespace zanplan::app {

struct WindowOptions {
  std::filesystem::path data_dir;
  std::string regime = "climat-resilience-2023";
  QString profile = QStringLiteral("gigafactory");
  bool basemap = true;  // fetch basemap tiles (OpenStreetMap by default)
  maps::TileSourceConfig basemap_source;
  std::string scenario;              // ledger scenario the envelopes come from; empty: none
  std::filesystem::path docs_dir;    // holds README.md and docs/, for the Help menu
};

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(WindowOptions options, QWidget* parent = nullptr);

  void open_workspace(const std::filesystem::path& path);
  // Selects a ranked site: table row, map highlight, details and budget.
  void select_site(const std::string& id);

  // Selects feature `fid` of the user layer NAME, zooms to it and shows its attributes in the
  // details panel, as a click on it does; false when the layer or the feature is not on the map.
  bool identify_user_feature(const std::string& layer, std::int64_t fid);

  // "weights", "details" or "budget".
  void show_tab(const QString& name);

  // For tests and the screenshot tool.
  [[nodiscard]] maps::MapCanvas* canvas() const { return canvas_; }
  [[nodiscard]] Session* session() const { return session_; }
  [[nodiscard]] WeightsPanel* weights() const { return weights_; }
  [[nodiscard]] QTableView* results_view() const { return results_view_; }
  [[nodiscard]] ResultsModel* results() const { return results_; }
  [[nodiscard]] ResultsFilter* results_filter() const { return filter_; }
  [[nodiscard]] QLineEdit* filter_text() const { return filter_text_; }
  [[nodiscard]] QComboBox* filter_status() const { return filter_status_; }
  [[nodiscard]] SearchField* search_field() const { return search_; }
  [[nodiscard]] QPlainTextEdit* details() const { return details_; }
  [[nodiscard]] BudgetPanel* budget() const { return budget_; }
  [[nodiscard]] LayerPanel* layer_panel() const { return layers_; }

  // Writes the current results (GeoJSON or GeoPackage by extension) or the view as a report
  // map (PDF or PNG by extension).
  bool export_results(const QString& path, QString* error = nullptr);
  bool export_view(const QString& path, QString* error = nullptr);
  // The site's dossier (docs/dossier.md) as the last scoring saw it, in the window's language.
  bool save_dossier(const std::string& site_id, const QString& path, QString* error = nullptr);

  // The session as it stands, saved to or restored from a `.zanplan` file. Opening one
  // reopens its workspace, then sets the view and the selection once the sites are scored.
  [[nodiscard]] SessionState session_state() const;
  bool save_session(const std::filesystem::path& path, QString* error = nullptr);
  bool open_session(const std::filesystem::path& path, QString* error = nullptr);

 signals:
  void results_shown();  // after a scoring's results reach the table and the map

 private:
  void build_menus();
  void add_export_view_action(QMenu* file);
  void build_session_actions(QMenu* file);
  void build_help_menu();
  void build_docks();
  QWidget* build_results_pane();
  void build_search_bar();
  void on_search_chosen(const SearchHit& hit);
  void update_filter_count();
  void fit_layer_dock();
  void apply_pending_session_view();
  [[nodiscard]] ScoreRequest current_request() const;
  void show_doc(const QString& relative_path, const QString& title);
  void show_about();
  void on_loaded();
  void on_scored();
  void on_feature_clicked(const QString& layer, const QString& id);
  void show_details(const AssessedSite& site);
  void show_commune(const std::string& code);
  bool show_user_feature(const std::string& layer, const std::string& id);

  WindowOptions options_;
  Session* session_;
  maps::MapCanvas* canvas_;
  maps::TileFetcher* basemap_ = nullptr;
  LayerPanel* layers_;
  WeightsPanel* weights_;
  ResultsModel* results_;
  ResultsFilter* filter_;
  QTableView* results_view_;
  QLineEdit* filter_text_ = nullptr;
  QComboBox* filter_status_ = nullptr;
  QLabel* filter_count_ = nullptr;
  SearchField* search_ = nullptr;
  QDockWidget* layers_dock_ = nullptr;
  QPlainTextEdit* details_;
  BudgetPanel* budget_;
  QTabWidget* analysis_tabs_ = nullptr;
  QLabel* cursor_label_;
  QLabel* scale_label_;
  QLabel* status_label_;
  QProgressBar* busy_bar_;
  bool first_fit_done_ = false;
  // A session being reopened: its view waits for the workspace, its selection for the scores.
  std::optional<SessionState> pending_session_;
};

}  // namespace zanplan::app
