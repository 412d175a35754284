// The scenario store: validated events appended to the workspace's log, one transaction each.
#include <cmath>

#include <fmt/format.h>

#include "ledger/payload.hpp"
#include "ledger/sqlite.hpp"
#include "ogr/handles.hpp"
#include "workspace/builder.hpp"
#include "workspace/sqlite_reader.hpp"
#include "zanplan/numbers.hpp"

namespace zanplan {

namespace {

constexpr const char* create_table_sql =
    "CREATE TABLE IF NOT EXISTS zanplan_scenario_events ("
    " scenario TEXT NOT NULL, seq INTEGER NOT NULL,"
    " kind TEXT NOT NULL CHECK (kind IN ('create', 'project', 'transfer', 'reserve')),"
    " payload TEXT NOT NULL, author TEXT NOT NULL, time TEXT NOT NULL,"
    " PRIMARY KEY (scenario, seq))";

constexpr const char* select_columns =
    "SELECT scenario, seq, kind, payload, author, time FROM zanplan_scenario_events";

// Hectare comparisons tolerate rounding of sums of Cerema m² figures.
constexpr double hectare_tolerance = 1e-9;

bool log_exists(sqlite::Database& db) {
  auto statement =
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'zanplan_scenario_events'");
  return statement.step();
}

std::vector<ScenarioEvent> read_events(sqlite::Database& db, const std::string* scenario) {
  std::vector<ScenarioEvent> events;
  if (!log_exists(db)) return events;
  auto statement =
      db.prepare(std::string(select_columns) + (scenario != nullptr ? " WHERE scenario = ?1" : "") +
                 " ORDER BY scenario, seq");
  if (scenario != nullptr) statement.bind(1, *scenario);
  while (statement.step()) {
    events.push_back({statement.text(0), statement.integer(1), statement.text(2), statement.text(3),
                      statement.text(4), statement.text(5)});
  }
  return events;
}

void insert_event(sqlite::Database& db, const ScenarioEvent& event) {
  auto statement = db.prepare(
      "INSERT INTO zanplan_scenario_events (scenario, seq, kind, payload, author, time) VALUES (?1, ?2, ?3, "
      "?4, ?5, ?6)");
  statement.bind(1, event.scenario);
  statement.bind(2, event.seq);
  statement.bind(3, event.kind);
  statement.bind(4, event.payload);
  statement.bind(5, event.author);
  statement.bind(6, event.time);
  (void)statement.step();
}

[[noreturn]] void refuse(const std::string& message, const std::string& key) {
  throw_usage(message, {.key = key});
}

void require_hectares(double hectares, const std::string& key, bool allow_zero) {
  check_number(hectares, {0, max_hectares}, ErrorKind::usage, {.key = key});
  if (!allow_zero && hectares == 0) {
    refuse(fmt::format("{} must be a {} number of hectares (got {})", key,
                       allow_zero ? "non-negative" : "positive", hectares),
           key);
  }
}

// The commune of a candidate site (a parcel id of the parcels layer); the id is bound, never
// spliced into the query.
std::string commune_of_site(const std::filesystem::path& workspace, const std::string& site) {
  workspace::ReadOnlyDatabase db(workspace);
  if (!db.has_table("parcels"))
    throw_workspace("the workspace has no such layer", {.file = workspace.string(), .layer = "parcels"});
  auto q = db.query("SELECT commune FROM parcels WHERE id = ? LIMIT 1", "parcels");
  q.bind(1, site);
  if (!q.step()) refuse(fmt::format("unknown site '{}' (no parcel with that id)", site), "site");
  return std::string(q.text(0));
}

double reserve_left(const Scenario& s, const TerritoryRef& territory) {
  auto it = s.reserves.find(territory);
  double left = it == s.reserves.end() ? 0.0 : it->second;
  for (const auto& t : s.transfers) {
    if (t.from == territory) left -= t.hectares;
  }
  return left;
}

}  // namespace

void append_raw_event(const std::filesystem::path& workspace, const ScenarioEvent& event) {
  sqlite::Database db(workspace);
  sqlite::Transaction transaction(db);
  db.exec(create_table_sql);
  ScenarioEvent next = event;
  auto statement =
      db.prepare("SELECT COALESCE(MAX(seq), 0) FROM zanplan_scenario_events WHERE scenario = ?1");
  statement.bind(1, event.scenario);
  next.seq = statement.step() ? statement.integer(0) + 1 : 1;
  insert_event(db, next);
  transaction.commit();
}

std::vector<ScenarioEvent> read_all_events(const std::filesystem::path& workspace) {
  sqlite::Database db(workspace);
  return read_events(db, nullptr);
}

ScenarioStore::ScenarioStore(std::filesystem::path workspace,
                             std::function<LegalRegime(const std::string&)> regime_for)
    : workspace_(std::move(workspace)), regime_for_(std::move(regime_for)) {
  // A first read on a writable connection rolls back any transaction a crashed writer left
  // behind (its hot journal); GDAL's read-only connection could not, and would fail.
  {
    sqlite::Database db(workspace_);
    db.exec("SELECT COUNT(*) FROM sqlite_master");
  }
  hierarchy_ = read_hierarchy(workspace_);
}

std::vector<ScenarioEvent> ScenarioStore::events(const std::string& scenario) const {
  sqlite::Database db(workspace_);
  return read_events(db, &scenario);
}

std::vector<std::string> ScenarioStore::scenarios() const {
  sqlite::Database db(workspace_);
  std::vector<std::string> names;
  if (!log_exists(db)) return names;
  auto statement = db.prepare("SELECT DISTINCT scenario FROM zanplan_scenario_events ORDER BY scenario");
  while (statement.step()) names.push_back(statement.text(0));
  return names;
}

Scenario ScenarioStore::load(const std::string& scenario) const {
  const auto log = events(scenario);
  if (log.empty()) refuse(fmt::format("no scenario named '{}' in the workspace", scenario), "scenario");
  return replay(log);
}

const EnvelopeBook& ScenarioStore::book_for(const std::string& regime_id) const {
  auto it = books_.find(regime_id);
  if (it == books_.end()) {
    LegalRegime regime = regime_for_(regime_id);
    EnvelopeBook book = commune_envelopes(workspace_, regime);
    it = books_.emplace(regime_id, std::make_pair(std::move(regime), std::move(book))).first;
  }
  return it->second.second;
}

Ledger ScenarioStore::ledger(const std::string& scenario) const {
  const Scenario s = load(scenario);
  const EnvelopeBook& book = book_for(s.regime_id);
  return build_ledger(hierarchy_, book, books_.at(s.regime_id).first, &s);
}

void ScenarioStore::append(const std::string& scenario, const std::string& kind, const std::string& payload,
                           const std::string& author, const std::string& time, const Check& check) {
  sqlite::Database db(workspace_);
  sqlite::Transaction transaction(db);
  db.exec(create_table_sql);
  const auto log = read_events(db, &scenario);
  if (kind == "create" && !log.empty()) refuse(fmt::format("scenario '{}' already exists", scenario), "name");
  if (kind != "create" && log.empty())
    refuse(fmt::format("no scenario named '{}' in the workspace", scenario), "scenario");
  // Validated against the log as it is under the write lock, not as it was read earlier.
  check(replay(log));
  insert_event(db, {scenario, static_cast<std::int64_t>(log.size()) + 1, kind, payload, author, time});
  transaction.commit();
}

void ScenarioStore::create(const std::string& name, const std::string& regime_id,
                           const std::string& description, const std::string& author,
                           std::optional<ChargeLevel> charge_level) {
  if (name.empty()) refuse("a scenario needs a name", "name");
  (void)book_for(regime_id);  // the regime must load (config error naming its file otherwise)
  append(name, "create", ledger::create_payload(name, regime_id, description, charge_level), author,
         workspace::utc_now(),
         [](const Scenario&) {});
}

void ScenarioStore::add_project(const std::string& scenario, Project project, const std::string& author) {
  if (project.id.empty()) refuse("a project needs an id", "id");
  if (!project.site.empty()) {
    const std::string commune = commune_of_site(workspace_, project.site);
    if (!project.commune.empty() && project.commune != commune) {
      refuse(fmt::format("site {} is in commune {}, not {}", project.site, commune, project.commune),
             "commune");
    }
    project.commune = commune;
  }
  if (!hierarchy_.communes.count(project.commune))
    refuse(fmt::format("unknown commune '{}'", project.commune), "commune");
  require_hectares(project.enaf_ha, "enaf_ha", true);
  // PENE is an input, never a guess: a listed project or an explicit, flagged assumption.
  if (project.pene && project.pene_listed_id.empty() && !project.pene_assumed) {
    refuse("a PENE project needs the id of its annex I entry (--pene ID) or the explicit --assume-pene override",
           "pene");
  }
  if (!project.pene && (!project.pene_listed_id.empty() || project.pene_assumed)) project.pene = true;
  const LegalRegime& regime = [&]() -> const LegalRegime& {
    const std::string id = load(scenario).regime_id;
    (void)book_for(id);
    return books_.at(id).first;
  }();
  if (project.year < regime.first_tranche.first_year || project.year > regime.first_tranche.last_year) {
    refuse(fmt::format("year {} is outside the first tranche ({}-{}) that the ledger covers", project.year,
                       regime.first_tranche.first_year, regime.first_tranche.last_year),
           "year");
  }
  append(scenario, "project", ledger::project_payload(project), author, workspace::utc_now(),
         [&](const Scenario& s) {
           for (const auto& p : s.projects) {
             if (p.id == project.id)
               refuse(fmt::format("scenario '{}' already has a project '{}'", scenario, project.id), "id");
           }
         });
}

void ScenarioStore::transfer(const std::string& scenario, Transfer t) {
  require_hectares(t.hectares, "hectares", false);
  if (!hierarchy_.contains(t.from)) refuse(fmt::format("unknown territory '{}'", t.from.text()), "from");
  if (!hierarchy_.communes.count(t.to)) refuse(fmt::format("unknown commune '{}'", t.to), "to");
  if (t.from.level == Level::commune) {
    if (t.from.code == t.to) refuse("a commune cannot transfer to itself", "to");
    const auto& from = hierarchy_.communes.at(t.from.code);
    const auto& to = hierarchy_.communes.at(t.to);
    const bool same_epci = !from.epci.empty() && from.epci == to.epci;
    const bool same_scot = !from.scot.empty() && from.scot == to.scot;
    if (!same_epci && !same_scot) {
      refuse(fmt::format(
                 "communes {} and {} share neither an EPCI nor a SCoT; transfers are allowed only within one",
                 t.from.code, t.to),
             "to");
    }
  } else if (hierarchy_.territory_of(t.to, t.from.level) != t.from.code) {
    refuse(fmt::format("commune {} is not in {}, whose reserve is the source", t.to, t.from.text()), "to");
  }
  if (t.author.empty()) t.author = "unknown";
  t.time = workspace::utc_now();
  const std::string regime_id = load(scenario).regime_id;
  (void)book_for(regime_id);
  append(scenario, "transfer", ledger::transfer_payload(t), t.author, t.time, [&](const Scenario& s) {
    double available = 0;
    if (t.from.level == Level::commune) {
      const Ledger current =
          build_ledger(hierarchy_, books_.at(regime_id).second, books_.at(regime_id).first, &s);
      available = current.find(Level::commune, t.from.code)->remaining_ha;
    } else {
      if (!s.reserves.count(t.from))
        refuse(fmt::format("{} has no reserve in scenario '{}'", t.from.text(), scenario), "from");
      available = reserve_left(s, t.from);
    }
    if (t.hectares > available + hectare_tolerance) {
      refuse(fmt::format("{} has {:.4f} ha remaining, less than the {:.4f} ha to transfer", t.from.text(),
                         std::max(available, 0.0), t.hectares),
             "hectares");
    }
  });
}

void ScenarioStore::set_reserve(const std::string& scenario, const Reserve& reserve,
                                const std::string& author) {
  if (reserve.territory.level == Level::commune)
    refuse("a reserve is held by an EPCI, SCoT, département or region", "territory");
  if (!hierarchy_.contains(reserve.territory))
    refuse(fmt::format("unknown territory '{}'", reserve.territory.text()), "territory");
  require_hectares(reserve.hectares, "hectares", true);
  append(scenario, "reserve", ledger::reserve_payload(reserve), author, workspace::utc_now(),
         [&](const Scenario& s) {
           const double given =
               (s.reserves.count(reserve.territory) ? s.reserves.at(reserve.territory) : 0.0) -
               reserve_left(s, reserve.territory);
           if (reserve.hectares + hectare_tolerance < given) {
             refuse(fmt::format("{} has already transferred {:.4f} ha from its reserve",
                                reserve.territory.text(), given),
                    "hectares");
           }
         });
}

}  // namespace zanplan
