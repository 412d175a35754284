// `zanplan render`: the map renderer offscreen, to a PNG, for reports and tests. It draws the
// same layers and styles as zanplan-map: communes by remaining ZAN envelope, candidate sites
// by score for a profile, the planners' own layers and the infrastructure; optionally over a
// basemap.
#include <QEventLoop>
#include <QGuiApplication>
#include <QSaveFile>
#include <QTimer>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <sqlite3.h>

#include "cli_support.hpp"
#include "commands.hpp"
#include "commands/assessment_options.hpp"
#include "commands/ledger_support.hpp"
#include "commands/offscreen.hpp"
#include "zanplan/error.hpp"
#include "zanplan/workspace.hpp"
#include "zanplan/maps/region_layers.hpp"
#include "zanplan/maps/renderer.hpp"
#include "zanplan/maps/report.hpp"

namespace zanplan::cli {

namespace {

struct RenderArguments {
  std::string output;
  int width = 1600, height = 1200;
  std::vector<double> bbox;  // lon min, lat min, lon max, lat max
  std::vector<std::string> hide;
  std::string select;
  bool no_score = false;
  bool no_user_layers = false;
  std::string basemap_url;
  std::string mbtiles;
  std::string attribution;
  double basemap_timeout_s = 20;
  std::string title, subtitle;  // empty: what the map shows (report.hpp)
  bool plain = false;           // no title, north arrow or sources: the map as the window shows it
};

// Waits (running the event loop) until every tile of the view has arrived or failed, or the
// timeout passes; returns the tiles at hand.
std::vector<maps::BasemapTile> fetch_tiles(maps::TileFetcher& fetcher, const maps::Viewport& viewport, double timeout_s) {
  const int z = maps::zoom_for_resolution(viewport.resolution(), fetcher.config().max_zoom);
  const MapBounds b = viewport.visible_bounds();
  const auto keys = maps::tiles_covering(b.min_x, b.min_y, b.max_x, b.max_y, z);
  std::size_t settled = 0;
  QEventLoop loop;
  auto count = [&] {
    if (++settled >= keys.size()) loop.quit();
  };
  QObject::connect(&fetcher, &maps::TileFetcher::tileReady, &loop, count);
  QObject::connect(&fetcher, &maps::TileFetcher::tileFailed, &loop, count);
  std::vector<maps::TileKey> missing;
  for (const auto& key : keys) {
    if (!fetcher.tile(key)) missing.push_back(key);
  }
  settled = keys.size() - missing.size();
  if (!missing.empty()) {
    fetcher.request(missing);
    QTimer::singleShot(static_cast<int>(timeout_s * 1000), &loop, &QEventLoop::quit);
    loop.exec();
  }
  std::vector<maps::BasemapTile> tiles;
  for (const auto& key : keys) {
    if (auto image = fetcher.tile(key)) tiles.push_back({key, *image});
  }
  if (tiles.size() < keys.size()) {
    std::cerr << fmt::format("warning: {} of {} basemap tiles could not be fetched; drawn without them\n",
                             keys.size() - tiles.size(), keys.size());
  }
  return tiles;
}

void write_png(const QImage& image, const std::string& path) {
  QSaveFile file(QString::fromStdString(path));  // written whole or not at all
  if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
    throw_output("cannot write the map image: " + file.errorString().toStdString(), {.file = path});
  }
}

// An offline basemap must be an MBTiles file (SQLite with a `tiles` table): a missing or
// garbage file is an input error, checked before any slow work.
void check_mbtiles(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) throw_input("is a directory, not an MBTiles file", {.file = path});
  if (!std::filesystem::is_regular_file(path, error)) throw_input("MBTiles file not found", {.file = path});
  sqlite3* db = nullptr;
  std::string why;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    why = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
  } else {
    sqlite3_stmt* statement = nullptr;
    const int prepared = sqlite3_prepare_v2(db, "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles LIMIT 1",
                                            -1, &statement, nullptr);
    const int stepped = prepared == SQLITE_OK ? sqlite3_step(statement) : prepared;
    if (stepped != SQLITE_ROW && stepped != SQLITE_DONE) why = sqlite3_errmsg(db);
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  if (!why.empty()) throw_input("not a readable MBTiles file: " + why, {.file = path});
}

// Title block (the user's or what the map shows), date, sources from the workspace's
// provenance; then the view refitted so that the map's subject stays clear of them.
void decorate_as_report(maps::MapSnapshot& snapshot, const RenderArguments& r, const maps::ReportSubject& subject,
                        const WorkspaceSummary& workspace, const MapBounds& view) {
  maps::MapDecorations report;
  report.title = r.title.empty() ? maps::default_report_title(subject) : QString::fromStdString(r.title);
  report.subtitle = r.subtitle.empty() ? maps::default_report_subtitle(subject) : QString::fromStdString(r.subtitle);
  report.date = QDate::currentDate();
  report.sources = maps::report_sources(workspace, snapshot.layers, snapshot.attribution);
  snapshot.report = std::move(report);
  snapshot.viewport.fit_in(view, maps::map_frame(snapshot), 0.02);
}

void render(const AssessmentArguments& args, const RenderArguments& r) {
  if (r.width < 64 || r.height < 64 || r.width > 10000 || r.height > 10000) {
    throw_usage("image size must be between 64 and 10000 pixels", {.key = "--width/--height"});
  }
  if (!r.bbox.empty() && (r.bbox.size() != 4 || r.bbox[0] >= r.bbox[2] || r.bbox[1] >= r.bbox[3])) {
    throw_usage("expected LON_MIN LAT_MIN LON_MAX LAT_MAX with min < max", {.key = "--bbox"});
  }
  if (!r.mbtiles.empty()) check_mbtiles(r.mbtiles);
  auto app = offscreen_application();
  AssessmentOptions options = to_assessment_options(args);
  check_workspace(options.workspace);
  Progress progress(!args.quiet && stderr_is_terminal());
  options.progress = [&progress](std::string_view stage, double f) { progress.update(stage, f); };

  // Candidates are the profile's assembled sites when the workspace has them. Parcels are
  // drawn only below 25 m a pixel: a region-wide view never shows them, so they are read
  // only for a --bbox view, and then only those inside it (through the R-tree).
  maps::RegionLayerOptions layer_options;
  if (const std::string sites = site_query_for(options.profile).sites_table;
      !sites.empty() && workspace_has_table(options.workspace, sites)) {
    layer_options.sites_layer = sites;
  }
  layer_options.parcels = !r.bbox.empty();
  layer_options.user_layers = !r.no_user_layers;
  if (!r.bbox.empty()) {
    MapBounds box;
    for (double lon : {r.bbox[0], r.bbox[2]}) {
      for (double lat : {r.bbox[1], r.bbox[3]}) {
        const MapPoint p = lon_lat_to_lambert93({lon, lat});
        box.add(p.x, p.y);
      }
    }
    layer_options.parcels_within_lambert93 = box;
  }
  auto layers = [&] {
    try {
      return maps::load_region_layers(options.workspace, layer_options);
    } catch (Error& e) {
      // A layer missing from the workspace or unreadable in it is a workspace error (exit 5),
      // as for every other command.
      if (e.kind() != ErrorKind::input || e.context().file != options.workspace) throw;
      throw Error(ErrorKind::workspace, e.message(), e.context());
    }
  }();
  // Layer names are checked before the slow part (ledger, scoring).
  for (const auto& hidden : r.hide) {
    const bool known = hidden == maps::kTopSites.toStdString() || hidden == maps::kParcels.toStdString() ||
                       hidden == maps::kCandidates.toStdString() ||
                       std::any_of(layers.begin(), layers.end(), [&](const maps::MapLayer& l) { return l.id.toStdString() == hidden; });
    if (!known) throw_usage("unknown layer '" + hidden + "'", {.key = "--hide"});
  }
  const auto regimes = regime_loader(args.data_dir);
  ScenarioStore store(options.workspace, regimes);
  const Ledger ledger = args.scenario.empty()
                            ? build_ledger(store.hierarchy(), commune_envelopes(options.workspace, options.regime), options.regime)
                            : store.ledger(args.scenario);
  std::optional<Assessment> assessment;
  if (!r.no_score) assessment = assess_sites(options);
  progress.done();

  maps::MapSnapshot snapshot;
  for (auto& layer : layers) {
    if (layer.id == maps::kCommunes) layer = maps::with_ledger(layer, ledger);
    if (layer.id == maps::kCandidates && assessment) layer = maps::with_assessment(layer, *assessment);
  }
  if (assessment) {
    // As in the window: zoomed out, every candidate is a square coloured by its class.
    maps::add_candidate_overview(layers, *assessment);
    layers.push_back(maps::top_sites_layer(*assessment));
  }
  for (auto& layer : layers) {
    const bool hidden = std::find(r.hide.begin(), r.hide.end(), layer.id.toStdString()) != r.hide.end() ||
                        (layer.id == maps::kCandidateOverview && std::find(r.hide.begin(), r.hide.end(), maps::kCandidates.toStdString()) != r.hide.end());
    layer.visible = !hidden;
  }
  snapshot.viewport = maps::Viewport(QSize(r.width, r.height), {0, 0}, 1000);
  MapBounds view;
  if (r.bbox.empty()) {
    for (const auto& l : layers) {
      if (l.id == maps::kCommunes) view = l.data->bounds;
    }
  } else {
    const auto low = lon_lat_to_web_mercator({r.bbox[0], r.bbox[1]});
    const auto high = lon_lat_to_web_mercator({r.bbox[2], r.bbox[3]});
    view.add(low.x, low.y);
    view.add(high.x, high.y);
  }
  snapshot.viewport.fit(view, 0.02);
  if (!r.select.empty()) {
    snapshot.selected_layer = maps::kCandidates;
    snapshot.selected_id = r.select;
  }
  snapshot.legend_title = QString::fromStdString(
      assessment ? fmt::format("{} — {}", options.profile.name, ledger.regime_id) : ledger.regime_id);
  snapshot.layers = std::move(layers);

  std::unique_ptr<maps::TileFetcher> fetcher;
  if (!r.basemap_url.empty() || !r.mbtiles.empty()) {
    maps::TileSourceConfig config;
    if (!r.basemap_url.empty()) {
      config.url_template = QString::fromStdString(r.basemap_url);
      config.disk_cache_dir = maps::default_disk_cache_dir(config.url_template);
    }
    config.mbtiles_path = QString::fromStdString(r.mbtiles);
    if (!r.attribution.empty()) config.attribution = QString::fromStdString(r.attribution);
    fetcher = std::make_unique<maps::TileFetcher>(config);
    snapshot.attribution = config.attribution;
  }
  if (!r.plain) {
    const maps::ReportSubject subject{assessment ? options.profile.name : std::string(), ledger.regime_id, ledger.scenario,
                                      assessment ? assessment->ranked : 0, assessment ? assessment->candidates_total : 0,
                                      assessment ? assessment->top_k : 0};
    decorate_as_report(snapshot, r, subject, summarize_workspace(options.workspace), view);
  }
  if (fetcher) snapshot.tiles = fetch_tiles(*fetcher, snapshot.viewport, r.basemap_timeout_s);
  const QImage image = maps::render_map(snapshot);
  write_png(image, r.output);
  if (!args.quiet) std::cout << fmt::format("Wrote {} ({}×{} px)\n", r.output, r.width, r.height);
}

}  // namespace

void add_render(CLI::App& app) {
  auto* command = app.add_subcommand("render", "Draw the map (communes by ZAN headroom, sites by score, user layers, infrastructure) to a PNG");
  auto args = std::make_shared<AssessmentArguments>();
  auto r = std::make_shared<RenderArguments>();
  add_assessment_options(*command, args);
  command->add_option("-o,--output", r->output, "PNG file to write")->required();
  command->add_option("--width", r->width, "Image width in pixels")->capture_default_str();
  command->add_option("--height", r->height, "Image height in pixels")->capture_default_str();
  command->add_option("--bbox", r->bbox, "View LON_MIN LAT_MIN LON_MAX LAT_MAX (default: the whole region)")->expected(4);
  command->add_option("--hide", r->hide,
                      "Layer id not to draw (repeatable): communes, parcels, candidates, substations …, user:NAME for a user layer");
  command->add_option("--select", r->select, "Candidate id to highlight");
  command->add_flag("--no-score", r->no_score, "Do not score the candidates (draw the region's layers only)");
  command->add_flag("--no-user-layers", r->no_user_layers, "Do not draw the workspace's user layers (zanplan layer add)");
  command->add_option("--basemap", r->basemap_url, "XYZ tile URL template, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png");
  command->add_option("--mbtiles", r->mbtiles, "Offline basemap from an MBTiles file");
  command->add_option("--attribution", r->attribution, "Attribution of the basemap source (default: OpenStreetMap's)");
  command->add_option("--basemap-timeout", r->basemap_timeout_s, "Seconds to wait for basemap tiles")->capture_default_str();
  command->add_option("--title", r->title, "Map title (default: what the map shows: profile, or the ZAN envelope)");
  command->add_option("--subtitle", r->subtitle, "Map subtitle (default: regime, scenario, sites ranked)");
  command->add_flag("--plain", r->plain, "No title, date, north arrow or sources block: the map as the window shows it");
  command->callback([args, r] { render(*args, *r); });
}

}  // namespace zanplan::cli
