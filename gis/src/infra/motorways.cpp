// `motorway_segments` and `motorway_access`: the DGITM TMJA table of the national road
// network (CSV, ';', decimal commas, CRLF, coordinates already in Lambert-93).
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "infra/common.hpp"
#include "infra/infra_import.hpp"

namespace zanplan::importer::infra {

namespace {

constexpr bool decimal_comma = true;

// One end of a TMJA segment: "D" (start) or "F" (end).
struct Marker {
  std::string pr;
  std::string departement;
  double x = 0.0;
  double y = 0.0;
};

Marker marker_of(const text::CsvRow& row, const std::string& end) {
  return {.pr = row["pr" + end],
          .departement = padded_departement(row["depPr" + end]),
          .x = row.required_number("x" + end, decimal_comma),
          .y = row.required_number("y" + end, decimal_comma)};
}

void require_columns(const text::CsvTable& table) {
  for (const char* column : {"route", "concessionPrD", "TMJA", "ratio_PL"}) (void)table.column(column);
  for (const char* end : {"D", "F"}) {
    for (const char* field : {"pr", "depPr", "x", "y"}) (void)table.column(std::string(field) + end);
  }
}

std::string joined(const std::set<std::string>& items) { return fmt::format("{}", fmt::join(items, ", ")); }

struct Tally {
  int segments = 0;
  int without_tmja = 0;
  int without_ratio = 0;
  int accesses = 0;
};

void set_optional_real(OGRFeature& feature, const char* field, const std::optional<double>& value) {
  if (value) {
    feature.SetField(field, *value);
  } else {
    feature.SetFieldNull(feature.GetFieldIndex(field));
  }
}

}  // namespace

std::set<std::string> region_departements(Context& context, const text::CsvTable& tmja) {
  if (!context.communes.empty()) return departements_of(context.communes);
  // Without the commune list: a département belongs to the region when most of its PR
  // markers lie inside the region outline (a few markers of a neighbour sit on the border).
  const RegionFilter region(context, 0.0);
  std::map<std::string, std::pair<int, int>> inside_and_total;
  for (std::size_t i = 0; i < tmja.size(); ++i) {
    const auto row = tmja.row(i);
    for (const char* end : {"D", "F"}) {
      const Marker marker = marker_of(row, end);
      auto& [inside, total] = inside_and_total[marker.departement];
      ++total;
      if (region.keeps(marker.x, marker.y)) ++inside;
    }
  }
  std::set<std::string> out;
  for (const auto& [departement, counts] : inside_and_total) {
    if (2 * counts.first > counts.second) out.insert(departement);
  }
  return out;
}

void import_motorways(Context& context) {
  context.progress("motorways", 0.0);
  const SourceEntry& entry = context.sources.require("motorways");
  const auto table =
      text::CsvTable::read(entry.resolved, {.separator = ';', .encoding = text::Encoding::utf8});
  require_columns(table);
  const auto departements = region_departements(context, table);
  if (departements.empty())
    throw_input("no département of the region found in the file", {.file = entry.resolved.string()});

  LayerWriter segments(
      context, "motorway_segments", wkbLineString,
      {{"route"}, {"concession"}, {"tmja", OFTReal}, {"ratio_pl", OFTReal}, {"departement"}});
  Tally tally;
  // Motorway ends, written to their own layer once the segments are done.
  std::vector<std::tuple<std::string, Marker>> access_candidates;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto row = table.row(i);
    const Marker start = marker_of(row, "D");
    const Marker end = marker_of(row, "F");
    const auto tmja = row.number("TMJA", decimal_comma);
    const auto ratio = row.number("ratio_PL", decimal_comma);
    if (!departements.contains(start.departement) && !departements.contains(end.departement)) continue;

    const std::string& route = row["route"];
    OGRFeature feature = segments.new_feature();
    feature.SetField("route", route.c_str());
    set_text(feature, "concession", row["concessionPrD"]);
    set_optional_real(feature, "tmja", tmja);
    set_optional_real(feature, "ratio_pl", ratio);
    feature.SetField("departement", start.departement.c_str());
    OGRLineString line;
    line.addPoint(start.x, start.y);
    line.addPoint(end.x, end.y);
    feature.SetGeometry(&line);
    segments.add(feature);
    ++tally.segments;
    if (!tmja) ++tally.without_tmja;
    if (!ratio) ++tally.without_ratio;

    if (route.starts_with('A')) {
      for (const Marker& marker : {start, end}) {
        if (departements.contains(marker.departement)) access_candidates.emplace_back(route, marker);
      }
    }
  }
  segments.commit();

  LayerWriter access(context, "motorway_access", wkbPoint, {{"route"}, {"pr"}, {"departement"}});
  std::set<std::tuple<std::string, double, double>> seen;
  for (const auto& [route, marker] : access_candidates) {
    if (!seen.emplace(route, marker.x, marker.y).second) continue;
    OGRFeature feature = access.new_feature();
    feature.SetField("route", route.c_str());
    set_text(feature, "pr", marker.pr);
    feature.SetField("departement", marker.departement.c_str());
    OGRPoint point(marker.x, marker.y);
    feature.SetGeometry(&point);
    access.add(feature);
    ++tally.accesses;
  }
  access.commit();

  const std::string filter = fmt::format(
      "rows whose start or end département (depPrD/depPrF, zero-padded: the file writes e.g. '2' for 02) is "
      "one of "
      "the region's départements {} ({})",
      joined(departements),
      context.communes.empty() ? "derived from the PR markers lying inside the region outline"
                               : "taken from the region's commune codes");
  record_from_entry(
      context, "motorway_segments", entry,
      fmt::format("{}: {} of {} rows; each segment is a straight line between its two PR markers, "
                  "not the road's path; decimal commas; tmja empty in {} and ratio_pl empty in {} "
                  "kept rows; concession and departement are those of the start marker",
                  filter, tally.segments, table.size(), tally.without_tmja, tally.without_ratio));
  record_from_entry(
      context, "motorway_access", entry,
      fmt::format("ends of the kept segments on motorways (route starting with 'A') whose own "
                  "département is in the region, deduplicated by route and coordinates: {} points. "
                  "These are PR markers on motorways, an approximation of interchanges (the real "
                  "list of interchanges is not available): a marker is not necessarily an access",
                  tally.accesses));
  context.progress("motorways", 1.0);
}

}  // namespace zanplan::importer::infra
