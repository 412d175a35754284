// Polygons in flat arrays: every vertex of every ring of every item in one coordinate
// vector, with offsets. Millions of parcels fit in a few hundred MB this way, and the bulk
// algorithms (adjacency, union) walk them without a single allocation per parcel.
// Internal to gis.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace zanplan::workspace {

struct Box {
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
  [[nodiscard]] bool intersects(const Box& o) const noexcept {
    return min_x <= o.max_x && o.min_x <= max_x && min_y <= o.max_y && o.min_y <= max_y;
  }
  [[nodiscard]] Box expanded(double d) const noexcept { return {min_x - d, min_y - d, max_x + d, max_y + d}; }
  [[nodiscard]] bool contains(const Box& o) const noexcept {
    return min_x <= o.min_x && min_y <= o.min_y && max_x >= o.max_x && max_y >= o.max_y;
  }
};

// The WKB inside a GeoPackage geometry blob (after its header and envelope); empty for
// anything that is not a standard, non-empty GeoPackage geometry.
std::span<const unsigned char> gpkg_wkb(std::span<const unsigned char> blob);

class PolygonSet {
 public:
  PolygonSet() { item_start_.push_back(0); ring_start_.push_back(0); }

  // Appends one item (a Polygon or MultiPolygon) from a GeoPackage geometry blob (header +
  // ISO WKB; Z and M are dropped). Throws a workspace error for anything else; the caller
  // adds the layer and feature.
  void append_gpkg(std::span<const unsigned char> blob);
  // Appends one item made of a single ring (closed by the caller), for tests and tools.
  void append_ring(std::span<const double> xy);
  // Drops the last item (a parcel read and then found ineligible).
  void pop_back();

  [[nodiscard]] std::size_t size() const noexcept { return item_start_.size() - 1; }
  [[nodiscard]] std::size_t ring_count() const noexcept { return ring_start_.size() - 1; }
  [[nodiscard]] std::uint32_t first_ring(std::size_t item) const { return item_start_[item]; }
  [[nodiscard]] std::uint32_t end_ring(std::size_t item) const { return item_start_[item + 1]; }
  [[nodiscard]] bool is_shell(std::size_t ring) const { return ring_is_shell_[ring] != 0; }
  // The ring's vertices as x, y pairs, closed (the last equals the first).
  [[nodiscard]] std::span<const double> ring(std::size_t ring) const {
    return {xy_.data() + 2 * static_cast<std::size_t>(ring_start_[ring]),
            2 * static_cast<std::size_t>(ring_start_[ring + 1] - ring_start_[ring])};
  }
  [[nodiscard]] Box box(std::size_t item) const;
  // Sum of the lengths of every ring.
  [[nodiscard]] double perimeter(std::size_t item) const;
  // Area (shells minus holes) and area-weighted centroid.
  struct Moments {
    double area = 0, x = 0, y = 0;
  };
  [[nodiscard]] Moments moments(std::size_t item) const;
  [[nodiscard]] std::size_t vertex_count() const noexcept { return xy_.size() / 2; }
  void shrink_to_fit();

 private:
  std::vector<double> xy_;
  std::vector<std::uint32_t> ring_start_;    // first vertex of each ring, then one past the end
  std::vector<std::uint8_t> ring_is_shell_;  // 1 for a polygon's exterior ring
  std::vector<std::uint32_t> item_start_;    // first ring of each item, then one past the end
  friend class WkbPolygonReader;
};

}  // namespace zanplan::workspace
