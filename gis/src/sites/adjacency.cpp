#include "sites/adjacency.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

#include "sites/box_index.hpp"

namespace zanplan::sites {

namespace {

struct Segment {
  double x0, y0, x1, y1;
  [[nodiscard]] Box box() const { return {std::min(x0, x1), std::min(y0, y1), std::max(x0, x1), std::max(y0, y1)}; }
};

// The segments of `item` whose box meets `area`.
void segments_near(const workspace::PolygonSet& polygons, std::size_t item, const Box& area,
                   std::vector<Segment>& out) {
  out.clear();
  for (std::uint32_t r = polygons.first_ring(item); r < polygons.end_ring(item); ++r) {
    const auto v = polygons.ring(r);
    for (std::size_t i = 2; i < v.size(); i += 2) {
      const Segment s{v[i - 2], v[i - 1], v[i], v[i + 1]};
      if (s.box().intersects(area)) out.push_back(s);
    }
  }
}

struct Stretch {
  double lo = 0, hi = 0;  // along a, from its start
};

// The stretch of segment a along which segment b runs within `tolerance` of a's line (b's
// offset from that line varies linearly along it); empty when b crosses a or runs apart.
Stretch overlap_along(const Segment& a, const Segment& b, double tolerance) {
  const double dx = a.x1 - a.x0, dy = a.y1 - a.y0;
  const double length = std::hypot(dx, dy);
  if (length <= 0) return {};
  const double ux = dx / length, uy = dy / length;
  double t0 = (b.x0 - a.x0) * ux + (b.y0 - a.y0) * uy;
  double t1 = (b.x1 - a.x0) * ux + (b.y1 - a.y0) * uy;
  double d0 = (b.x0 - a.x0) * -uy + (b.y0 - a.y0) * ux;
  double d1 = (b.x1 - a.x0) * -uy + (b.y1 - a.y0) * ux;
  if (t0 > t1) {
    std::swap(t0, t1);
    std::swap(d0, d1);
  }
  const double span = t1 - t0;
  // b across a (more than 45° off its direction, or a point): at most a crossing, never a
  // shared stretch. Short segments along a (curves digitised finely) do count.
  if (span <= 0 || std::abs(d1 - d0) > span) return {};
  double lo = std::max(0.0, t0);
  double hi = std::min(length, t1);
  if (hi <= lo) return {};
  // Where along a is b's offset within ±tolerance? d(t) = d0 + slope (t - t0).
  const double slope = (d1 - d0) / span;
  if (slope == 0) return std::abs(d0) <= tolerance ? Stretch{lo, hi} : Stretch{};
  const double ta = t0 + (-tolerance - d0) / slope;
  const double tb = t0 + (tolerance - d0) / slope;
  lo = std::max(lo, std::min(ta, tb));
  hi = std::min(hi, std::max(ta, tb));
  return hi > lo ? Stretch{lo, hi} : Stretch{};
}

// The length of a's boundary that runs along b's. Stretches of one segment of a are merged
// before they are added, so b's overlapping edges (a multipolygon's parts touching, a ring
// doubling back) are not counted twice.
double shared_length(const std::vector<Segment>& a, const std::vector<Segment>& b, double tolerance) {
  double shared = 0;
  std::vector<Stretch> stretches;
  for (const Segment& sa : a) {
    const Box near = sa.box().expanded(tolerance);
    stretches.clear();
    for (const Segment& sb : b) {
      if (!sb.box().intersects(near)) continue;
      const Stretch s = overlap_along(sa, sb, tolerance);
      if (s.hi > s.lo) stretches.push_back(s);
    }
    if (stretches.empty()) continue;
    std::sort(stretches.begin(), stretches.end(), [](const Stretch& x, const Stretch& y) { return x.lo < y.lo; });
    double lo = stretches.front().lo, hi = stretches.front().hi;
    for (const Stretch& s : stretches) {
      if (s.lo > hi) {
        shared += hi - lo;
        lo = s.lo;
      }
      hi = std::max(hi, s.hi);
    }
    shared += hi - lo;
  }
  return shared;
}

struct Edge {
  std::uint32_t a, b;
  float shared;
};

}  // namespace

double shared_boundary_m(const workspace::PolygonSet& polygons, std::size_t a, std::size_t b, double tolerance) {
  const Box area_a = polygons.box(a).expanded(tolerance);
  const Box area_b = polygons.box(b).expanded(tolerance);
  if (!area_a.intersects(area_b)) return 0;
  std::vector<Segment> sa, sb;
  segments_near(polygons, a, area_b, sa);
  segments_near(polygons, b, area_a, sb);
  return shared_length(sa, sb, tolerance);
}

AdjacencyGraph build_adjacency(const workspace::PolygonSet& polygons, const AdjacencySettings& settings) {
  const std::size_t n = polygons.size();
  std::vector<Box> boxes(n);
  for (std::size_t i = 0; i < n; ++i) boxes[i] = polygons.box(i).expanded(settings.snap_tolerance_m);
  const BoxIndex index(boxes);

  const unsigned threads = settings.threads != 0 ? settings.threads : std::max(1U, std::thread::hardware_concurrency());
  std::vector<std::vector<Edge>> found(threads);
  std::atomic<std::size_t> next{0};
  constexpr std::size_t chunk = 2048;
  auto work = [&](unsigned t) {
    std::vector<Segment> sa, sb;
    std::vector<std::uint32_t> candidates;
    for (;;) {
      const std::size_t begin = next.fetch_add(chunk);
      if (begin >= n) break;
      const std::size_t end = std::min(n, begin + chunk);
      for (std::size_t i = begin; i < end; ++i) {
        candidates.clear();
        index.query(boxes[i], [&](std::uint32_t j) {
          if (j > i) candidates.push_back(j);
        });
        for (std::uint32_t j : candidates) {
          // Boxes are already expanded by the tolerance: each side keeps the segments that
          // can come near the other.
          segments_near(polygons, i, boxes[j], sa);
          if (sa.empty()) continue;
          segments_near(polygons, j, boxes[i], sb);
          const double shared = shared_length(sa, sb, settings.snap_tolerance_m);
          if (shared >= settings.min_shared_m) {
            found[t].push_back({static_cast<std::uint32_t>(i), j, static_cast<float>(shared)});
          }
        }
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& thread : pool) thread.join();

  // Compressed rows, both directions, neighbours ascending: the same graph whatever the
  // thread count.
  AdjacencyGraph graph;
  graph.offsets.assign(n + 1, 0);
  for (const auto& edges : found) {
    for (const Edge& e : edges) {
      ++graph.offsets[e.a + 1];
      ++graph.offsets[e.b + 1];
    }
  }
  for (std::size_t i = 0; i < n; ++i) graph.offsets[i + 1] += graph.offsets[i];
  graph.neighbours.resize(graph.offsets[n]);
  graph.shared_m.resize(graph.offsets[n]);
  std::vector<std::uint32_t> fill(graph.offsets.begin(), graph.offsets.end() - 1);
  for (auto& edges : found) {
    for (const Edge& e : edges) {
      graph.neighbours[fill[e.a]] = e.b;
      graph.shared_m[fill[e.a]++] = e.shared;
      graph.neighbours[fill[e.b]] = e.a;
      graph.shared_m[fill[e.b]++] = e.shared;
    }
    edges = {};
  }
  std::vector<std::pair<std::uint32_t, float>> row;
  for (std::size_t i = 0; i < n; ++i) {
    row.clear();
    for (std::uint32_t k = graph.offsets[i]; k < graph.offsets[i + 1]; ++k) row.emplace_back(graph.neighbours[k], graph.shared_m[k]);
    std::sort(row.begin(), row.end());
    for (std::uint32_t k = graph.offsets[i]; k < graph.offsets[i + 1]; ++k) {
      graph.neighbours[k] = row[k - graph.offsets[i]].first;
      graph.shared_m[k] = row[k - graph.offsets[i]].second;
    }
  }
  return graph;
}

}  // namespace zanplan::sites
