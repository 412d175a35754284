#include "formats/cadastre.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <vector>

#include <fmt/format.h>

#include "formats/etalab_stream.hpp"
#include "zanplan/error.hpp"

namespace zanplan::formats {

// ---- land cover -----------------------------------------------------------------------

std::string_view land_class_name(LandClass land_class) {
  switch (land_class) {
    case LandClass::artificialised:
      return "artificialised";
    case LandClass::enaf:
      return "enaf";
    case LandClass::brownfield:
      return "brownfield";
    case LandClass::unknown:
      break;
  }
  return "unknown";
}

std::optional<LandClass> parse_land_class(std::string_view name) {
  for (LandClass c : {LandClass::artificialised, LandClass::enaf, LandClass::brownfield}) {
    if (name == land_class_name(c)) return c;
  }
  return std::nullopt;
}

namespace {

std::string read_whole(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw_input("cannot read file", {.file = path.string()});
  std::string text;
  in.seekg(0, std::ios::end);
  text.resize(static_cast<std::size_t>(in.tellg()));
  in.seekg(0);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (!in) throw_input("cannot read file", {.file = path.string()});
  return text;
}

// The `;`-separated fields of a line, a field's surrounding quotes removed.
void split_fields(std::string_view line, std::vector<std::string_view>& fields) {
  fields.clear();
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = line.find(';', start);
    std::string_view field = line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (field.size() >= 2 && field.front() == '"' && field.back() == '"') field = field.substr(1, field.size() - 2);
    fields.push_back(field);
    if (end == std::string_view::npos) return;
    start = end + 1;
  }
}

}  // namespace

// A lean reader rather than text::CsvTable: the table has millions of rows at the real
// parcel density, and its three plain fields need no more than a split on `;`.
std::unordered_map<std::string, LandCoverEntry> read_land_cover(const std::filesystem::path& path) {
  const std::string text = read_whole(path);
  const std::string file = path.string();
  std::string_view rest(text);
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);
  auto next_line = [&rest]() {
    const std::size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    return line;
  };
  std::vector<std::string_view> fields;
  split_fields(next_line(), fields);
  const std::vector<std::string_view> header = fields;
  auto column = [&](std::string_view name) {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) throw_input("required column is missing", {.file = file, .line = 1, .key = std::string(name)});
    return static_cast<std::size_t>(it - header.begin());
  };
  const std::size_t id_column = column("id");
  const std::size_t class_column = column("land_class");
  const std::size_t share_column = column("enaf_share");

  std::unordered_map<std::string, LandCoverEntry> cover;
  cover.reserve(static_cast<std::size_t>(std::count(rest.begin(), rest.end(), '\n')) + 1);
  std::int64_t line_number = 1;
  while (!rest.empty()) {
    const std::string_view line = next_line();
    ++line_number;
    if (line.empty()) continue;
    split_fields(line, fields);
    if (fields.size() != header.size()) {
      throw_input(fmt::format("{} fields where the header has {}", fields.size(), header.size()),
                  {.file = file, .line = line_number});
    }
    const auto land_class = parse_land_class(fields[class_column]);
    if (!land_class) {
      throw_input(
          "land_class must be artificialised, enaf or brownfield, found \"" + std::string(fields[class_column]) + "\"",
          {.file = file, .line = line_number, .key = "land_class"});
    }
    const std::string_view share_text = fields[share_column];
    double share = 0.0;
    const auto [end, error] = std::from_chars(share_text.data(), share_text.data() + share_text.size(), share);
    if (error != std::errc() || end != share_text.data() + share_text.size()) {
      throw_input("enaf_share is not a number: \"" + std::string(share_text) + "\"",
                  {.file = file, .line = line_number, .key = "enaf_share"});
    }
    if (share < 0.0 || share > 1.0) {
      throw_input(fmt::format("enaf_share must lie in [0, 1], found {}", share),
                  {.file = file, .line = line_number, .key = "enaf_share"});
    }
    if (!cover.try_emplace(std::string(fields[id_column]), LandCoverEntry{*land_class, share, false}).second) {
      throw_input("duplicate parcel id " + std::string(fields[id_column]),
                  {.file = file, .line = line_number, .key = "id"});
    }
  }
  return cover;
}

// ---- parcels --------------------------------------------------------------------------

std::string gdal_name(const std::filesystem::path& path) {
  if (path.extension() == ".gz") return "/vsigzip/" + path.string();
  return path.string();
}

namespace {

// Every polygon of a geometry (MakeValid may return a collection with lines and points).
void collect_polygons(const OGRGeometry& geometry, std::vector<ogr::GeometryPtr>& out) {
  const auto type = wkbFlatten(geometry.getGeometryType());
  if (type == wkbPolygon) {
    if (!geometry.IsEmpty()) out.emplace_back(geometry.clone());
  } else if (OGR_GT_IsSubClassOf(type, wkbGeometryCollection)) {
    for (const OGRGeometry* part : *geometry.toGeometryCollection()) collect_polygons(*part, out);
  }
}

}  // namespace

ParcelReader::ParcelReader(const std::filesystem::path& path) : path_(path), name_(path.string()) {
  try {
    stream_ = std::make_unique<EtalabStream>(path);
    feature_ = std::make_unique<EtalabFeature>();
    OGRSpatialReference source = ogr::wgs84();  // RFC 7946; a crs member sends the file to GDAL
    source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    to_lambert93_ = ogr::make_transform(source, ogr::lambert93(), name_);
  } catch (const EtalabUnsupported&) {
    stream_.reset();
    open_with_gdal();
  }
}

ParcelReader::~ParcelReader() = default;

void ParcelReader::open_with_gdal() {
  try {
    dataset_ = ogr::open_vector(gdal_name(path_));
  } catch (const Error& e) {
    // GDAL's name for a gzip file is /vsigzip/…; errors name the file as given. A damaged
    // gzip file (truncated, bad CRC) fails here: GDAL reads the whole file once on opening.
    if (e.kind() != ErrorKind::input) throw;
    throw_input(e.message(), {.file = name_});
  }
  layer_ = &ogr::layer_of(*dataset_, name_);
  const OGRSpatialReference* srs = layer_->GetSpatialRef();
  OGRSpatialReference source = srs != nullptr ? *srs : ogr::wgs84();
  source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  to_lambert93_ = ogr::make_transform(source, ogr::lambert93(), name_);
  locate_fields();
  layer_->ResetReading();
}

double ParcelReader::progress() const {
  if (stream_) return stream_->progress();
  const auto total = feature_count();
  if (!total || *total <= 0) return 0.0;
  return std::min(1.0, static_cast<double>(index_) / static_cast<double>(*total));
}

void ParcelReader::locate_fields() {
  id_ = ogr::required_field(*layer_, name_, "id");
  commune_ = ogr::required_field(*layer_, name_, "commune");
  prefixe_ = ogr::required_field(*layer_, name_, "prefixe");
  section_ = ogr::required_field(*layer_, name_, "section");
  numero_ = ogr::required_field(*layer_, name_, "numero");
  contenance_ = ogr::required_field(*layer_, name_, "contenance");
}

std::optional<std::int64_t> ParcelReader::feature_count() const {
  if (layer_->TestCapability(OLCFastFeatureCount) == 0) return std::nullopt;
  return layer_->GetFeatureCount(FALSE);
}

std::string ParcelReader::required_string(OGRFeature& feature, int field, const char* key) const {
  if (!feature.IsFieldSetAndNotNull(field)) {
    throw_input("the parcel has no property \"" + std::string(key) + "\"",
                {.file = name_, .feature = index_, .key = key});
  }
  return feature.GetFieldAsString(field);
}

void ParcelReader::set_geometry(OGRFeature& feature, Parcel& parcel) const {
  const OGRGeometry* source = feature.GetGeometryRef();
  if (source == nullptr || source->IsEmpty()) {
    throw_input("the parcel has no geometry", {.file = name_, .feature = index_, .key = "geometry"});
  }
  const auto type = wkbFlatten(source->getGeometryType());
  if (type != wkbPolygon && type != wkbMultiPolygon) {
    throw_input(fmt::format("the parcel geometry is a {}, not a polygon", OGRGeometryTypeToName(type)),
                {.file = name_, .feature = index_, .key = "geometry"});
  }
  finish_geometry(ogr::GeometryPtr(feature.StealGeometry()), parcel);  // the feature is dropped after this
}

void ParcelReader::finish_geometry(ogr::GeometryPtr geometry, Parcel& parcel) const {
  ogr::ErrorCapture capture;  // GEOS validity notices would otherwise go to stderr
  if (geometry->transform(to_lambert93_.get()) != OGRERR_NONE) {
    // A streamed parcel is read as WGS84; a crs member after the features may say
    // otherwise: GDAL, which reads the whole file first, decides.
    if (stream_) throw EtalabUnsupported{};
    throw_input("cannot reproject the parcel to Lambert-93",
                {.file = name_, .feature = index_, .key = "geometry"});
  }
  if (!geometry->IsValid()) {
    ogr::GeometryPtr fixed(geometry->MakeValid());
    if (!fixed || !fixed->IsValid()) {
      throw_input("invalid parcel geometry that MakeValid cannot repair (" + parcel.id + ")",
                  {.file = name_, .feature = index_, .key = "geometry"});
    }
    geometry = std::move(fixed);
    parcel.repaired = true;
  }
  // The common case, one valid polygon, is kept as it is.
  if (wkbFlatten(geometry->getGeometryType()) == wkbPolygon) {
    parcel.area_m2 = geometry->toPolygon()->get_Area();
    if (parcel.area_m2 <= 0.0) {
      throw_input("the parcel geometry has no area (" + parcel.id + ")",
                  {.file = name_, .feature = index_, .key = "geometry"});
    }
    parcel.parts = 1;
    parcel.geometry = std::move(geometry);
    return;
  }
  std::vector<ogr::GeometryPtr> polygons;
  collect_polygons(*geometry, polygons);
  double total = 0.0;
  double largest_area = -1.0;
  std::size_t largest = 0;
  for (std::size_t i = 0; i < polygons.size(); ++i) {
    const double area = polygons[i]->toPolygon()->get_Area();
    total += area;
    if (area > largest_area) {
      largest_area = area;
      largest = i;
    }
  }
  if (polygons.empty() || total <= 0.0) {
    throw_input("the parcel geometry has no area after repair (" + parcel.id + ")",
                {.file = name_, .feature = index_, .key = "geometry"});
  }
  parcel.area_m2 = total;
  parcel.parts = static_cast<int>(polygons.size());
  parcel.geometry = std::move(polygons[largest]);
}

void ParcelReader::check_streamed_crs() const {
  const OGRSpatialReference* srs = layer_->GetSpatialRef();
  if (srs == nullptr) return;
  const char* const same[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", "CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS",
                              nullptr};
  const OGRSpatialReference wgs84 = ogr::wgs84();
  if (srs->IsSame(&wgs84, same)) return;
  const char* crs_name = srs->GetName();
  throw_input(fmt::format("the crs member ({}) comes after features already read as WGS84 longitude/latitude; "
                          "put it before \"features\", or give the file in WGS84 (RFC 7946)",
                          crs_name != nullptr ? crs_name : "unnamed"),
              {.file = name_, .key = "crs"});
}

std::optional<Parcel> ParcelReader::next() {
  if (stream_) {
    try {
      return next_from_stream();
    } catch (const EtalabLateMember& late) {
      throw_input(fmt::format("a second \"{}\" member after the features: the file is not one FeatureCollection",
                              late.key),
                  {.file = name_, .key = late.key});
    } catch (const EtalabUnsupported&) {
      // GDAL reads the file from the start; the features already read are skipped. They were
      // read as WGS84: a crs member after them that GDAL honours (the stream sends a crs
      // before the features to GDAL at once) makes the file an input error.
      stream_.reset();
      feature_.reset();
      open_with_gdal();
      if (index_ > 0) check_streamed_crs();
      for (std::int64_t skipped = 0; skipped < index_; ++skipped) {
        ogr::ErrorCapture capture;
        ogr::FeaturePtr feature(layer_->GetNextFeature());
        if (!feature) {
          throw_input("cannot read the parcels: " + capture.last_error(), {.file = name_, .feature = skipped});
        }
      }
    }
  }
  return next_from_gdal();
}

std::optional<Parcel> ParcelReader::next_from_stream() {
  EtalabFeature& in = *feature_;
  if (!stream_->next(in)) {
    if (!stream_->saw_contenance()) throw EtalabUnsupported{};  // GDAL names the missing column
    return std::nullopt;
  }
  Parcel parcel;
  parcel.index = index_;
  if (in.id.size() != 14) {
    throw_input(fmt::format("the parcel id \"{}\" is not 14 characters", in.id),
                {.file = name_, .feature = index_, .key = "id"});
  }
  parcel.id = in.id;
  parcel.commune = in.commune;
  parcel.prefixe = in.prefixe;
  parcel.section = in.section;
  parcel.numero = in.numero;
  parcel.contenance = in.contenance;
  // The polygons as GDAL's GeoJSON driver builds them: rings in the order given.
  std::size_t ring = 0;
  std::size_t value = 0;
  auto make_polygon = [&](std::uint32_t rings) {
    auto polygon = std::make_unique<OGRPolygon>();
    for (std::uint32_t r = 0; r < rings; ++r, ++ring) {
      auto linear = std::make_unique<OGRLinearRing>();
      const std::uint32_t points = in.ring_points[ring];
      linear->setNumPoints(static_cast<int>(points), FALSE);
      for (std::uint32_t p = 0; p < points; ++p, value += 2)
        linear->setPoint(static_cast<int>(p), in.coordinates[value], in.coordinates[value + 1]);
      polygon->addRingDirectly(linear.release());
    }
    return polygon;
  };
  ogr::GeometryPtr geometry;
  if (in.multi) {
    auto multi = std::make_unique<OGRMultiPolygon>();
    for (const std::uint32_t rings : in.polygon_rings) multi->addGeometryDirectly(make_polygon(rings).release());
    geometry.reset(multi.release());
  } else {
    if (in.polygon_rings.size() != 1) throw EtalabUnsupported{};
    geometry.reset(make_polygon(in.polygon_rings[0]).release());
  }
  finish_geometry(std::move(geometry), parcel);
  ++index_;
  return parcel;
}

std::optional<Parcel> ParcelReader::next_from_gdal() {
  ogr::FeaturePtr feature;
  {
    ogr::ErrorCapture capture;
    feature.reset(layer_->GetNextFeature());
    if (!feature) {
      if (!capture.last_error().empty()) {
        throw_input("cannot read the parcels: " + capture.last_error(), {.file = name_, .feature = index_});
      }
      return std::nullopt;
    }
  }
  Parcel parcel;
  parcel.index = index_;
  parcel.id = required_string(*feature, id_, "id");
  if (parcel.id.size() != 14) {
    throw_input(fmt::format("the parcel id \"{}\" is not 14 characters", parcel.id),
                {.file = name_, .feature = index_, .key = "id"});
  }
  parcel.commune = required_string(*feature, commune_, "commune");
  parcel.prefixe = required_string(*feature, prefixe_, "prefixe");
  parcel.section = required_string(*feature, section_, "section");
  parcel.numero = required_string(*feature, numero_, "numero");
  if (feature->IsFieldSetAndNotNull(contenance_))
    parcel.contenance = feature->GetFieldAsInteger64(contenance_);
  set_geometry(*feature, parcel);
  ++index_;
  return parcel;
}

}  // namespace zanplan::formats
