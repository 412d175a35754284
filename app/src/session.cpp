#include "session.hpp"

#include <QElapsedTimer>
#include <QtConcurrent/QtConcurrentRun>

#include "zanplan/error.hpp"
#include "zanplan/maps/region_layers.hpp"
#include "zanplan/site_assembly.hpp"
#include "zanplan/workspace.hpp"

namespace zanplan::app {

Session::Session(std::filesystem::path data_dir, std::string regime, QObject* parent)
    : QObject(parent), data_dir_(std::move(data_dir)) {
  set_regime(regime);
  connect(&load_, &QFutureWatcher<std::shared_ptr<const LoadedWorkspace>>::finished, this, &Session::on_loaded);
  connect(&score_, &QFutureWatcher<std::shared_ptr<const ScoreResult>>::finished, this, &Session::on_scored);
}

void Session::set_regime(const std::string& name) {
  regime_ = load_regime(data_dir_ / "regimes" / (name + ".toml"));
  regime_name_ = name;
}

Session::~Session() {
  load_.waitForFinished();
  score_.waitForFinished();
}

namespace {

// Parcels and candidates are read per view by the map (docs/map.md, "At region scale"):
// only the small layers are read at start, whatever the parcel count.
maps::RegionLayerOptions layer_options(const std::filesystem::path& path, const std::string& profile) {
  maps::RegionLayerOptions options;
  const std::string sites = "sites_" + profile;
  if (names_tables(profile) && workspace_has_table(path, sites)) options.sites_layer = sites;
  options.per_view = true;
  return options;
}

}  // namespace

void Session::open(const std::filesystem::path& path, const std::string& profile) {
  if (load_.isRunning()) return;
  emit busy_changed(true, tr("Loading %1…").arg(QString::fromStdString(path.filename().string())));
  const LegalRegime regime = regime_;
  auto error = std::make_shared<QString>();
  load_.setFuture(QtConcurrent::run([path, regime, error, profile]() -> std::shared_ptr<const LoadedWorkspace> {
    try {
      QElapsedTimer clock;
      clock.start();
      auto w = std::make_shared<LoadedWorkspace>();
      w->path = path;
      w->hierarchy = read_hierarchy(path);
      w->ledger = build_ledger(w->hierarchy, commune_envelopes(path, regime), regime);
      w->layers = maps::load_region_layers(path, layer_options(path, profile));
      for (auto& layer : w->layers) {
        if (layer.id == maps::kCommunes) layer = maps::with_ledger(layer, w->ledger);
      }
      w->load_ms = static_cast<double>(clock.nsecsElapsed()) / 1e6;
      return w;
    } catch (const std::exception& e) {
      *error = QString::fromUtf8(e.what());
      return nullptr;
    }
  }));
  error_holder_ = error;
}

void Session::on_loaded() {
  auto w = load_.result();
  emit busy_changed(busy(), {});
  if (!w) {
    emit failed(tr("Opening the workspace"), error_holder_ ? *error_holder_ : QString());
    return;
  }
  workspace_ = std::move(w);
  result_.reset();
  facts_.clear();
  emit loaded();
}

void Session::score(ScoreRequest request) {
  if (!workspace_) return;
  if (score_.isRunning()) {
    queued_score_ = std::move(request);  // the newest request wins; older queued ones are dropped
    return;
  }
  emit busy_changed(true, tr("Scoring %1…").arg(QString::fromStdString(request.profile.name)));
  AssessmentOptions options;
  options.workspace = workspace_->path;
  options.profile = request.profile;
  options.regime = regime_;
  options.pene = request.pene;
  options.scenario = request.scenario;
  options.ranking.aggregation = request.aggregation;
  if (auto it = facts_.find(site_query_key(options.profile)); it != facts_.end()) options.measured_facts = it->second;
  auto error = std::make_shared<QString>();
  score_error_holder_ = error;
  score_.setFuture(QtConcurrent::run([options, error]() mutable -> std::shared_ptr<const ScoreResult> {
    try {
      QElapsedTimer clock;
      clock.start();
      auto r = std::make_shared<ScoreResult>();
      if (!options.measured_facts) {
        options.measured_facts =
            std::make_shared<const MeasuredSites>(gather_site_facts(options.workspace, site_query_for(options.profile)));
      }
      r->facts = options.measured_facts;
      r->workspace = options.workspace;
      r->assessment = assess_sites(options);
      r->profile = options.profile;
      r->score_ms = static_cast<double>(clock.nsecsElapsed()) / 1e6;
      return r;
    } catch (const std::exception& e) {
      *error = QString::fromUtf8(e.what());
      return nullptr;
    }
  }));
}

void Session::on_scored() {
  auto r = score_.result();
  if (queued_score_) {  // a newer request came in while this one ran: its result is stale
    ScoreRequest next = std::move(*queued_score_);
    queued_score_.reset();
    score(std::move(next));
    return;
  }
  emit busy_changed(busy(), {});
  if (r && (!workspace_ || r->workspace != workspace_->path)) return;  // another workspace was opened meanwhile
  if (!r) {
    emit failed(tr("Scoring"), score_error_holder_ ? *score_error_holder_ : QString());
    return;
  }
  facts_.try_emplace(site_query_key(r->profile), r->facts);
  result_ = std::move(r);
  emit scored();
}

}  // namespace zanplan::app
