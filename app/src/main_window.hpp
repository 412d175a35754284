// zanplan-map's main window: the map in the centre; layers on the left; the profile and
// weights, the site details and the ZAN budget on the right; the ranked sites below.
#pragma once

#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QTabWidget>
#include <QTableView>
#include <filesystem>

#include "budget_panel.hpp"
#include "layer_panel.hpp"
#include "results_model.hpp"
#include "session.hpp"
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
};

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(WindowOptions options, QWidget* parent = nullptr);

  void open_workspace(const std::filesystem::path& path);
  // Selects a ranked site: table row, map highlight, details and budget.
  void select_site(const std::string& id);

  // "weights", "details" or "budget".
  void show_tab(const QString& name);

  // For tests and the screenshot tool.
  [[nodiscard]] maps::MapCanvas* canvas() const { return canvas_; }
  [[nodiscard]] Session* session() const { return session_; }
  [[nodiscard]] WeightsPanel* weights() const { return weights_; }
  [[nodiscard]] QTableView* results_view() const { return results_view_; }
  [[nodiscard]] ResultsModel* results() const { return results_; }
  [[nodiscard]] QPlainTextEdit* details() const { return details_; }
  [[nodiscard]] BudgetPanel* budget() const { return budget_; }
  [[nodiscard]] LayerPanel* layer_panel() const { return layers_; }

  // Writes the current results (GeoJSON or GeoPackage by extension) or the view as a report
  // map (PDF or PNG by extension).
  bool export_results(const QString& path, QString* error = nullptr);
  bool export_view(const QString& path, QString* error = nullptr);
  // The site's dossier (docs/dossier.md) as the last scoring saw it, in the window's language.
  bool save_dossier(const std::string& site_id, const QString& path, QString* error = nullptr);

 signals:
  void results_shown();  // after a scoring's results reach the table and the map

 private:
  void build_menus();
  void add_export_view_action(QMenu* file);
  void build_docks();
  void on_loaded();
  void on_scored();
  void on_feature_clicked(const QString& layer, const QString& id);
  void show_details(const AssessedSite& site);
  void show_commune(const std::string& code);

  WindowOptions options_;
  Session* session_;
  maps::MapCanvas* canvas_;
  maps::TileFetcher* basemap_ = nullptr;
  LayerPanel* layers_;
  WeightsPanel* weights_;
  ResultsModel* results_;
  QTableView* results_view_;
  QPlainTextEdit* details_;
  BudgetPanel* budget_;
  QTabWidget* analysis_tabs_ = nullptr;
  QLabel* cursor_label_;
  QLabel* scale_label_;
  QLabel* status_label_;
  QProgressBar* busy_bar_;
  bool first_fit_done_ = false;
};

}  // namespace zanplan::app
