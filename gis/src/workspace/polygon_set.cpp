#include "workspace/polygon_set.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "zanplan/error.hpp"

namespace zanplan::workspace {

namespace {

[[noreturn]] void bad_geometry(const std::string& why) { throw_workspace("unreadable geometry: " + why); }

// A cursor over WKB bytes in either byte order.
class Cursor {
 public:
  explicit Cursor(std::span<const unsigned char> bytes) : bytes_(bytes) {}
  void set_little_endian(bool little) { little_ = little; }
  std::uint8_t byte() {
    need(1);
    return bytes_[at_++];
  }
  std::uint32_t uint32() {
    need(4);
    std::uint32_t v = 0;
    std::memcpy(&v, bytes_.data() + at_, 4);
    at_ += 4;
    return little_ == (std::endian::native == std::endian::little) ? v : __builtin_bswap32(v);
  }
  double real() {
    need(8);
    std::uint64_t v = 0;
    std::memcpy(&v, bytes_.data() + at_, 8);
    at_ += 8;
    if (little_ != (std::endian::native == std::endian::little)) v = __builtin_bswap64(v);
    return std::bit_cast<double>(v);
  }
  void skip(std::size_t n) {
    need(n);
    at_ += n;
  }
  [[nodiscard]] std::size_t remaining() const { return bytes_.size() - at_; }

 private:
  void need(std::size_t n) const {
    if (bytes_.size() - at_ < n) bad_geometry("truncated");
  }
  std::span<const unsigned char> bytes_;
  std::size_t at_ = 0;
  bool little_ = true;
};

struct WkbType {
  std::uint32_t base = 0;   // 3 polygon, 6 multipolygon
  std::uint32_t extra = 0;  // ordinates beyond x, y (Z and/or M)
};

WkbType wkb_type(std::uint32_t raw) {
  WkbType t;
  // ISO WKB: 1000s add Z, 2000s M, 3000s ZM. Also accept the 0x80000000/0x40000000 flags.
  if ((raw & 0x80000000U) != 0) ++t.extra;
  if ((raw & 0x40000000U) != 0) ++t.extra;
  raw &= 0x0FFFFFFFU;
  const std::uint32_t thousands = raw / 1000;
  if (thousands > 3) bad_geometry("unknown WKB type " + std::to_string(raw));
  t.extra += thousands == 3 ? 2 : (thousands > 0 ? 1 : 0);
  t.base = raw % 1000;
  return t;
}

}  // namespace

class WkbPolygonReader {
 public:
  WkbPolygonReader(PolygonSet& out, Cursor& cursor) : out_(out), cursor_(cursor) {}

  void geometry(bool top) {
    cursor_.set_little_endian(cursor_.byte() == 1);
    const WkbType type = wkb_type(cursor_.uint32());
    if (type.base == 3) {
      polygon(type.extra);
    } else if (type.base == 6 && top) {
      const std::uint32_t parts = cursor_.uint32();
      for (std::uint32_t i = 0; i < parts; ++i) geometry(false);
    } else {
      bad_geometry(fmt_type(type.base));
    }
  }

 private:
  static std::string fmt_type(std::uint32_t base) { return "WKB type " + std::to_string(base) + " is not a polygon"; }

  void polygon(std::uint32_t extra) {
    const std::uint32_t rings = cursor_.uint32();
    for (std::uint32_t r = 0; r < rings; ++r) {
      const std::uint32_t points = cursor_.uint32();
      const std::size_t stride = (2 + extra) * sizeof(double);
      if (points > cursor_.remaining() / stride) bad_geometry("truncated ring");
      if (points < 4) bad_geometry("a ring has fewer than 4 points");
      for (std::uint32_t p = 0; p < points; ++p) {
        const double x = cursor_.real();
        const double y = cursor_.real();
        if (!std::isfinite(x) || !std::isfinite(y)) bad_geometry("a coordinate is not finite");
        cursor_.skip(extra * sizeof(double));
        out_.xy_.push_back(x);
        out_.xy_.push_back(y);
      }
      const std::size_t vertices = out_.xy_.size() / 2;
      if (vertices > std::numeric_limits<std::uint32_t>::max()) bad_geometry("too many vertices for one table");
      out_.ring_start_.push_back(static_cast<std::uint32_t>(vertices));
      out_.ring_is_shell_.push_back(r == 0 ? 1 : 0);
    }
  }

  PolygonSet& out_;
  Cursor& cursor_;
};

std::span<const unsigned char> gpkg_wkb(std::span<const unsigned char> blob) {
  // "GP", version, flags (envelope code in bits 1–3, empty in bit 4, extended in bit 5),
  // SRS id, then an envelope of 0, 32, 48, 48 or 64 bytes.
  static constexpr std::size_t envelope_bytes[] = {0, 32, 48, 48, 64};
  if (blob.size() < 8 || blob[0] != 'G' || blob[1] != 'P') return {};
  const std::uint8_t flags = blob[3];
  const unsigned envelope = (flags >> 1U) & 0x07U;
  if ((flags & 0x30U) != 0 || envelope > 4) return {};
  const std::size_t header = 8 + envelope_bytes[envelope];
  if (blob.size() <= header) return {};
  return blob.subspan(header);
}

void PolygonSet::append_gpkg(std::span<const unsigned char> blob) {
  const auto wkb = gpkg_wkb(blob);
  if (wkb.empty()) bad_geometry("not a standard, non-empty GeoPackage geometry");
  Cursor cursor(wkb);
  // Roll back a half-read item so that the set stays consistent when the caller goes on.
  const std::size_t xy_size = xy_.size();
  const std::size_t rings = ring_start_.size();
  try {
    WkbPolygonReader(*this, cursor).geometry(true);
  } catch (...) {
    xy_.resize(xy_size);
    ring_start_.resize(rings);
    ring_is_shell_.resize(rings - 1);
    throw;
  }
  item_start_.push_back(static_cast<std::uint32_t>(ring_start_.size() - 1));
}

void PolygonSet::append_ring(std::span<const double> xy) {
  xy_.insert(xy_.end(), xy.begin(), xy.end());
  ring_start_.push_back(static_cast<std::uint32_t>(xy_.size() / 2));
  ring_is_shell_.push_back(1);
  item_start_.push_back(static_cast<std::uint32_t>(ring_start_.size() - 1));
}

void PolygonSet::pop_back() {
  if (size() == 0) return;
  item_start_.pop_back();
  const std::uint32_t rings = item_start_.back();
  ring_start_.resize(rings + 1);
  ring_is_shell_.resize(rings);
  xy_.resize(2 * static_cast<std::size_t>(ring_start_.back()));
}

Box PolygonSet::box(std::size_t item) const {
  Box b{std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(),
        -std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  for (std::uint32_t r = first_ring(item); r < end_ring(item); ++r) {
    if (!is_shell(r)) continue;  // holes lie inside their shell
    const auto v = ring(r);
    for (std::size_t i = 0; i < v.size(); i += 2) {
      b.min_x = std::min(b.min_x, v[i]);
      b.max_x = std::max(b.max_x, v[i]);
      b.min_y = std::min(b.min_y, v[i + 1]);
      b.max_y = std::max(b.max_y, v[i + 1]);
    }
  }
  return b;
}

double PolygonSet::perimeter(std::size_t item) const {
  double length = 0;
  for (std::uint32_t r = first_ring(item); r < end_ring(item); ++r) {
    const auto v = ring(r);
    for (std::size_t i = 2; i < v.size(); i += 2) length += std::hypot(v[i] - v[i - 2], v[i + 1] - v[i - 1]);
  }
  return length;
}

PolygonSet::Moments PolygonSet::moments(std::size_t item) const {
  // Shoelace formula about the first vertex (keeps the products small in Lambert-93).
  Moments m;
  double sx = 0, sy = 0, twice_area = 0;
  const auto first = ring(first_ring(item));
  if (first.empty()) return m;
  const double ox = first[0], oy = first[1];
  for (std::uint32_t r = first_ring(item); r < end_ring(item); ++r) {
    const auto v = ring(r);
    double ring_twice = 0, rx = 0, ry = 0;
    for (std::size_t i = 2; i < v.size(); i += 2) {
      const double x0 = v[i - 2] - ox, y0 = v[i - 1] - oy, x1 = v[i] - ox, y1 = v[i + 1] - oy;
      const double cross = x0 * y1 - x1 * y0;
      ring_twice += cross;
      rx += (x0 + x1) * cross;
      ry += (y0 + y1) * cross;
    }
    // Shells count positive and holes negative whatever their winding.
    const double sign = (is_shell(r) ? 1.0 : -1.0) * (ring_twice < 0 ? -1.0 : 1.0);
    twice_area += sign * ring_twice;
    sx += sign * rx;
    sy += sign * ry;
  }
  m.area = twice_area / 2;
  if (twice_area != 0) {
    m.x = ox + sx / (3 * twice_area);
    m.y = oy + sy / (3 * twice_area);
  } else {
    m.x = ox;
    m.y = oy;
  }
  return m;
}

void PolygonSet::shrink_to_fit() {
  xy_.shrink_to_fit();
  ring_start_.shrink_to_fit();
  ring_is_shell_.shrink_to_fit();
  item_start_.shrink_to_fit();
}

}  // namespace zanplan::workspace
