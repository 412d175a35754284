#include "synthetic/writers.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iterator>

#include <fmt/format.h>

#include "files/temporaries.hpp"
#include "zanplan/error.hpp"

namespace zanplan::synthetic {

// ---- staged files ---------------------------------------------------------------------

StagedFile::StagedFile(std::filesystem::path target) : target_(std::move(target)) {
  files::remove_stale_temporaries(target_);  // a killed generate left them
  temporary_ = files::temporary_for(target_);
  out_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!out_) throw_output("cannot create file", {.file = temporary_.string()});
}

StagedFile::~StagedFile() {
  if (published_) return;
  out_.close();
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

void StagedFile::finish() {
  out_.flush();
  const bool ok = static_cast<bool>(out_);
  out_.close();
  if (!ok || out_.fail()) throw_output("cannot write file", {.file = temporary_.string()});
}

void StagedFile::publish() {
  std::error_code error;
  std::filesystem::rename(temporary_, target_, error);
  if (error) throw_output("cannot move file into place: " + error.message(), {.file = target_.string()});
  published_ = true;
}

// ---- delimited text -------------------------------------------------------------------

std::string csv_field(std::string_view value) {
  if (value.find_first_of("\";\r\n") == std::string_view::npos) return std::string(value);
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line.push_back(';');
    line += csv_field(fields[i]);
  }
  line.push_back('\n');
  return line;
}

// ---- Etalab GeoJSON -------------------------------------------------------------------

namespace {

using Fixed = EtalabFeatures::Fixed;

constexpr double fixed_scale = 1e7;

std::uint64_t mix(std::uint64_t x, std::uint64_t y) {
  std::uint64_t h = x * 0x9E3779B97F4A7C15ULL ^ (y + 0x632BE59BD9B4E019ULL + (x << 6) + (x >> 2));
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ULL;
  return h ^ (h >> 29);
}

// Appends a fixed-point value as a decimal with up to 7 digits after the point and no
// trailing zeros ("2.3", "-0.0000001", "48"). Written digit by digit: it runs for every
// coordinate of millions of parcels.
void append_fixed(std::string& out, std::int64_t value) {
  const auto magnitude = static_cast<std::uint64_t>(value < 0 ? -value : value);
  std::uint64_t whole = magnitude / 10'000'000U;
  std::uint64_t fraction = magnitude % 10'000'000U;
  char buffer[32];
  char* end = buffer + sizeof buffer;
  char* p = end;
  if (fraction != 0) {
    int digits = 7;
    while (fraction % 10 == 0) {
      fraction /= 10;
      --digits;
    }
    for (int i = 0; i < digits; ++i) {
      *--p = static_cast<char>('0' + fraction % 10);
      fraction /= 10;
    }
    *--p = '.';
  }
  do {
    *--p = static_cast<char>('0' + whole % 10);
    whole /= 10;
  } while (whole != 0);
  if (value < 0) *--p = '-';
  out.append(p, end);
}

// Twice the signed area; positive for a counter-clockwise ring.
double signed_area2(const std::vector<Fixed>& ring) {
  double sum = 0.0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
    sum += static_cast<double>(ring[i].x) * static_cast<double>(ring[i + 1].y) -
           static_cast<double>(ring[i + 1].x) * static_cast<double>(ring[i].y);
  }
  return sum;
}

}  // namespace

EtalabFeatures::EtalabFeatures()
    : to_wgs84_(ogr::make_transform(ogr::lambert93(), ogr::wgs84(), "synthetic parcels")) {}

void EtalabFeatures::forget_points() {
  used_ = 0;
  // After a large commune the table starts small again: the next communes' lookups then
  // stay within the cache.
  if (slots_.size() > initial_slots) {
    slots_.assign(initial_slots, Slot{});
    generation_ = 1;
    return;
  }
  if (++generation_ == 0) {  // after 2^32 communes: empty the slots for real
    std::fill(slots_.begin(), slots_.end(), Slot{});
    generation_ = 1;
  }
}

EtalabFeatures::Slot& EtalabFeatures::slot_of(std::uint64_t x, std::uint64_t y) {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = mix(x, y) & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.generation != generation_ || (slot.x == x && slot.y == y)) return slot;
  }
}

void EtalabFeatures::grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  for (const Slot& slot : old) {
    if (slot.generation == generation_) slot_of(slot.x, slot.y) = slot;
  }
}

bool EtalabFeatures::ring_json(const GEOSGeometry& ring, bool exterior, std::string& json) {
  const auto handle = geos::Context::current().handle();
  const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(handle, &ring);
  unsigned int size = 0;
  GEOSCoordSeq_getSize_r(handle, sequence, &size);
  x_.resize(size);
  y_.resize(size);
  fixed_.resize(size);
  for (unsigned int i = 0; i < size; ++i) GEOSCoordSeq_getXY_r(handle, sequence, i, &x_[i], &y_[i]);
  // The vertices met before come from the table; the others are reprojected in one call.
  missing_.clear();
  missing_x_.clear();
  missing_y_.clear();
  for (unsigned int i = 0; i < size; ++i) {
    const Slot& slot = slot_of(std::bit_cast<std::uint64_t>(x_[i]), std::bit_cast<std::uint64_t>(y_[i]));
    if (slot.generation == generation_) {
      fixed_[i] = slot.wgs84;
    } else {
      missing_.push_back(i);
      missing_x_.push_back(x_[i]);
      missing_y_.push_back(y_[i]);
    }
  }
  if (!missing_.empty() &&
      !to_wgs84_->Transform(static_cast<int>(missing_.size()), missing_x_.data(), missing_y_.data(), nullptr)) {
    throw Error(ErrorKind::internal, "cannot reproject a synthetic parcel to WGS84");
  }
  for (std::size_t m = 0; m < missing_.size(); ++m) {
    const unsigned int i = missing_[m];
    fixed_[i] = {std::llround(missing_x_[m] * fixed_scale), std::llround(missing_y_[m] * fixed_scale)};
    if (2 * (used_ + 1) > slots_.size()) grow();
    Slot& slot = slot_of(std::bit_cast<std::uint64_t>(x_[i]), std::bit_cast<std::uint64_t>(y_[i]));
    if (slot.generation != generation_) {
      slot = {std::bit_cast<std::uint64_t>(x_[i]), std::bit_cast<std::uint64_t>(y_[i]), fixed_[i], generation_};
      ++used_;
    }
  }
  std::vector<Fixed>& points = points_;
  points.clear();
  for (unsigned int i = 0; i < size; ++i) {
    const Fixed p = fixed_[i];
    if (points.empty() || !(points.back() == p)) points.push_back(p);
  }
  if (points.size() < 4 || !(points.front() == points.back())) return false;
  const double area = signed_area2(points);
  if (area == 0.0) return false;
  if ((area > 0.0) != exterior) std::reverse(points.begin(), points.end());
  json.push_back('[');
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (i > 0) json.push_back(',');
    json.push_back('[');
    append_fixed(json, points[i].x);
    json.push_back(',');
    append_fixed(json, points[i].y);
    json.push_back(']');
  }
  json.push_back(']');
  return true;
}

bool EtalabFeatures::append(const SyntheticParcel& parcel, const std::string& id, const std::string& commune,
                            std::string& out) {
  const auto handle = geos::Context::current().handle();
  std::string coordinates = "[";
  if (!ring_json(*GEOSGetExteriorRing_r(handle, parcel.geometry.get()), true, coordinates)) return false;
  const int holes = GEOSGetNumInteriorRings_r(handle, parcel.geometry.get());
  for (int i = 0; i < holes; ++i) {
    std::string hole = ",";
    if (ring_json(*GEOSGetInteriorRingN_r(handle, parcel.geometry.get(), i), false, hole))
      coordinates += hole;
  }
  coordinates.push_back(']');
  fmt::format_to(
      std::back_inserter(out),
      "{{\"type\":\"Feature\",\"id\":\"{0}\",\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":{1}}},"
      "\"properties\":{{\"id\":\"{0}\",\"commune\":\"{2}\",\"prefixe\":\"000\",\"section\":\"{3}\","
      "\"numero\":\"{4}\",\"contenance\":{5},\"arpente\":false,\"created\":\"{6}\",\"updated\":\"{6}\"}}}}",
      id, coordinates, commune, parcel.section, parcel.number, std::llround(parcel.area_m2), fixed_date);
  return true;
}

}  // namespace zanplan::synthetic
