#include "sites/site_outline.hpp"

#include <algorithm>
#include <cmath>

#include "geos/context.hpp"
#include "sites/parallel.hpp"
#include "sites/shapes.hpp"
#include "zanplan/error.hpp"

namespace zanplan::sites {

namespace {

struct WriterDeleter {
  GEOSContextHandle_t context;
  void operator()(GEOSWKBWriter* w) const noexcept { GEOSWKBWriter_destroy_r(context, w); }
};

std::string to_wkb(geos::Context& context, const GEOSGeometry& geometry) {
  std::unique_ptr<GEOSWKBWriter, WriterDeleter> writer(GEOSWKBWriter_create_r(context.handle()), {context.handle()});
  GEOSWKBWriter_setByteOrder_r(context.handle(), writer.get(), GEOS_WKB_NDR);
  GEOSWKBWriter_setOutputDimension_r(context.handle(), writer.get(), 2);
  std::size_t size = 0;
  unsigned char* bytes = GEOSWKBWriter_write_r(context.handle(), writer.get(), &geometry, &size);
  if (bytes == nullptr) throw Error(ErrorKind::internal, "GEOS cannot write WKB: " + context.last_error());
  std::string out(reinterpret_cast<const char*>(bytes), size);
  GEOSFree_r(context.handle(), bytes);
  return out;
}

bool acceptable(geos::Context& context, const GEOSGeometry& g, double expected, double tolerance) {
  const auto handle = context.handle();
  if (GEOSisValid_r(handle, &g) != 1) return false;
  const int type = GEOSGeomTypeId_r(handle, &g);
  if (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) return false;
  double area = 0;
  GEOSArea_r(handle, &g, &area);
  return std::abs(area - expected) <= tolerance * std::max(expected, 1.0);
}

}  // namespace

namespace {

// The union of one group's parcels: coverage union, checked; else overlay union.
geos::GeometryPtr union_group(const workspace::PolygonSet& shapes, std::span<const std::uint32_t> parcels, double tolerance,
                              bool& overlay) {
  auto& context = geos::Context::current();
  const auto handle = context.handle();
  std::vector<geos::GeometryPtr> owned;
  owned.reserve(parcels.size());
  double expected = 0;
  for (std::uint32_t p : parcels) {
    owned.push_back(to_geos(shapes, p));
    expected += shapes.moments(p).area;
  }
  if (owned.size() == 1) return std::move(owned.front());
  std::vector<GEOSGeometry*> parts;
  parts.reserve(owned.size());
  for (auto& g : owned) parts.push_back(g.release());  // the collection owns them from here
  auto collection = geos::own(context,
                              GEOSGeom_createCollection_r(handle, GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                          static_cast<unsigned>(parts.size())),
                              "collection");
  // The coverage union trusts its input to be a coverage; its result is checked, not assumed.
  if (GEOSGeometry* coverage = GEOSCoverageUnion_r(handle, collection.get())) {
    auto result = geos::own(context, coverage, "coverage union");
    if (acceptable(context, *result, expected, tolerance)) return result;
  }
  overlay = true;
  return geos::own(context, GEOSUnaryUnion_r(handle, collection.get()), "union");
}

}  // namespace

Outline union_outline(const workspace::PolygonSet& shapes, std::span<const std::uint32_t> parcels,
                      std::span<const std::uint16_t> group, double tolerance) {
  auto& context = geos::Context::current();
  const auto handle = context.handle();
  Outline out;
  std::vector<std::uint32_t> sorted(parcels.begin(), parcels.end());
  if (!group.empty()) {
    std::stable_sort(sorted.begin(), sorted.end(), [&](std::uint32_t a, std::uint32_t b) { return group[a] < group[b]; });
  }
  std::vector<geos::GeometryPtr> pieces;
  for (std::size_t begin = 0; begin < sorted.size();) {
    std::size_t end = begin + 1;
    while (end < sorted.size() && (group.empty() || group[sorted[end]] == group[sorted[begin]])) ++end;
    pieces.push_back(union_group(shapes, std::span(sorted).subspan(begin, end - begin), tolerance, out.overlay));
    begin = end;
  }
  geos::GeometryPtr result;
  if (pieces.size() == 1) {
    result = std::move(pieces.front());
  } else {
    out.overlay = true;
    std::vector<GEOSGeometry*> parts;
    for (auto& g : pieces) parts.push_back(g.release());
    auto collection = geos::own(context,
                                GEOSGeom_createCollection_r(handle, GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                            static_cast<unsigned>(parts.size())),
                                "collection");
    result = geos::own(context, GEOSUnaryUnion_r(handle, collection.get()), "union");
  }
  GEOSArea_r(handle, result.get(), &out.area_m2);
  out.wkb = to_wkb(context, *result);
  return out;
}

std::vector<Outline> union_outlines(const workspace::PolygonSet& shapes, std::span<const std::uint16_t> group,
                                    const std::vector<std::vector<std::uint32_t>>& sites, unsigned threads) {
  std::vector<Outline> out(sites.size());
  parallel_for(sites.size(), threads, [&](std::size_t i, unsigned) { out[i] = union_outline(shapes, sites[i], group); });
  return out;
}

}  // namespace zanplan::sites
