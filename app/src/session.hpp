// What the application has open: a workspace's layers, its ledger and the current
// assessment. Loading and scoring run in worker threads; results arrive as signals on the
// UI thread, and a newer request makes an older one's result stale (it is dropped).
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

#include "zanplan/assessment.hpp"
#include "zanplan/ledger.hpp"
#include "zanplan/maps/style.hpp"

namespace zanplan::app {

struct LoadedWorkspace {
  std::filesystem::path path;
  std::vector<maps::MapLayer> layers;  // with the ledger applied to the communes
  Hierarchy hierarchy;
  Ledger ledger;
  double load_ms = 0;
};

struct ScoreRequest {
  scoring::Profile profile;  // weights already set
  std::optional<scoring::Aggregation> aggregation;
  bool pene = false;
  std::string scenario;
};

struct ScoreResult {
  scoring::Profile profile;
  Assessment assessment;
  double score_ms = 0;
  std::shared_ptr<const MeasuredSites> facts;  // as measured, for the next scoring
  std::filesystem::path workspace;                      // scored on
};

class Session : public QObject {
  Q_OBJECT
 public:
  Session(std::filesystem::path data_dir, std::string regime, QObject* parent = nullptr);
  ~Session() override;

  [[nodiscard]] const std::filesystem::path& data_dir() const { return data_dir_; }
  [[nodiscard]] const LegalRegime& regime() const { return regime_; }
  // The regime's file name under data_dir/regimes, without ".toml".
  [[nodiscard]] const std::string& regime_name() const { return regime_name_; }
  // Loads another regime (throws zanplan::Error, config, when it cannot); the workspace's
  // ledger follows at its next opening.
  void set_regime(const std::string& name);
  [[nodiscard]] const std::shared_ptr<const LoadedWorkspace>& workspace() const { return workspace_; }
  [[nodiscard]] const std::shared_ptr<const ScoreResult>& result() const { return result_; }
  [[nodiscard]] bool busy() const { return load_.isRunning() || score_.isRunning(); }

  // Opens a workspace; `profile` names the assembled sites drawn as candidates, when the
  // workspace has them for it.
  void open(const std::filesystem::path& workspace, const std::string& profile = "gigafactory");
  void score(ScoreRequest request);

 signals:
  void loaded();
  void scored();
  void failed(const QString& what, const QString& message);
  void busy_changed(bool busy, const QString& what);

 private:
  void on_loaded();
  void on_scored();

  std::filesystem::path data_dir_;
  std::string regime_name_;
  LegalRegime regime_;
  std::shared_ptr<const LoadedWorkspace> workspace_;
  std::shared_ptr<const ScoreResult> result_;
  QFutureWatcher<std::shared_ptr<const LoadedWorkspace>> load_;
  QFutureWatcher<std::shared_ptr<const ScoreResult>> score_;
  std::optional<ScoreRequest> queued_score_;
  // Site facts of the open workspace by site_query_key: a weight change re-ranks without
  // measuring again.
  std::map<std::string, std::shared_ptr<const MeasuredSites>> facts_;
  std::shared_ptr<QString> error_holder_, score_error_holder_;
};

}  // namespace zanplan::app
