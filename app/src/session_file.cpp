#include "session_file.hpp"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <algorithm>
#include <cctype>
#include <cmath>

#include "zanplan/error.hpp"

namespace zanplan::app {

namespace {

constexpr auto kFormatName = "zanplan-session";

QString qs(const std::string& s) { return QString::fromStdString(s); }

struct Reader {
  const QJsonObject& object;
  std::string file;
  std::string prefix;  // "view." inside the view object: the key names the full path

  [[noreturn]] void fail(const std::string& key, const std::string& message) const {
    throw_input(message, {.file = file, .layer = {}, .feature = {}, .line = {}, .key = prefix + key});
  }
  [[nodiscard]] QJsonValue field(const std::string& key) const {
    const QJsonValue v = object.value(qs(key));
    if (v.isUndefined()) fail(key, "missing field");
    return v;
  }
  [[nodiscard]] std::string text(const std::string& key) const {
    const QJsonValue v = field(key);
    if (!v.isString()) fail(key, "expected a string");
    return v.toString().toStdString();
  }
  // A profile or regime: a file name under the data folder, never a path out of it.
  [[nodiscard]] std::string name(const std::string& key) const {
    const std::string value = text(key);
    const bool simple = !value.empty() && value.front() != '.' &&
                        std::all_of(value.begin(), value.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'; });
    if (!simple) fail(key, "expected a name of letters, digits, '-', '_' or '.'");
    return value;
  }
  [[nodiscard]] double number(const std::string& key, double min, double max) const {
    const QJsonValue v = field(key);
    if (!v.isDouble() || !std::isfinite(v.toDouble()) || v.toDouble() < min || v.toDouble() > max) {
      fail(key, "expected a number from " + std::to_string(min) + " to " + std::to_string(max));
    }
    return v.toDouble();
  }
  [[nodiscard]] bool boolean(const std::string& key) const {
    const QJsonValue v = field(key);
    if (!v.isBool()) fail(key, "expected true or false");
    return v.toBool();
  }
};

// Web Mercator's half-width: no view centre lies beyond it.
constexpr double kMercatorExtent = 20037508.342789244;
constexpr double kMaxResolution = 156543.03392804097;

}  // namespace

void write_session(const std::filesystem::path& path, const SessionState& state) {
  QJsonObject weights;
  for (const auto& [id, weight] : state.weights) weights.insert(qs(id), weight);
  const QJsonObject root{
      {QStringLiteral("format"), QString::fromLatin1(kFormatName)},
      {QStringLiteral("version"), kSessionFormatVersion},
      {QStringLiteral("workspace"), QString::fromStdString(std::filesystem::absolute(state.workspace).string())},
      {QStringLiteral("profile"), qs(state.profile)},
      {QStringLiteral("weights"), weights},
      {QStringLiteral("method"), qs(state.method)},
      {QStringLiteral("pene"), state.pene},
      {QStringLiteral("scenario"), qs(state.scenario)},
      {QStringLiteral("regime"), qs(state.regime)},
      {QStringLiteral("view"), QJsonObject{{QStringLiteral("center_x"), state.view_center.x()},
                                           {QStringLiteral("center_y"), state.view_center.y()},
                                           {QStringLiteral("metres_per_pixel"), state.view_resolution}}},
      {QStringLiteral("selected_site"), qs(state.selected_site)},
  };
  // QSaveFile writes beside the target and renames it into place on commit.
  QSaveFile file(QString::fromStdString(path.string()));
  if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0 || !file.commit()) {
    throw_output("cannot write the session: " + file.errorString().toStdString(), {.file = path.string()});
  }
}

SessionState read_session(const std::filesystem::path& path) {
  const std::string name = path.string();
  QFile file(QString::fromStdString(name));
  if (!std::filesystem::exists(path)) throw_input("not found", {.file = name});
  if (std::filesystem::is_directory(path)) throw_input("is a directory", {.file = name});
  if (!file.open(QIODevice::ReadOnly)) throw_input("cannot read: " + file.errorString().toStdString(), {.file = name});
  QJsonParseError parse{};
  const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parse);
  if (parse.error != QJsonParseError::NoError) {
    throw_input("not a zanplan session: " + parse.errorString().toStdString() + " at byte " + std::to_string(parse.offset),
                {.file = name});
  }
  if (!doc.isObject()) throw_input("not a zanplan session: expected a JSON object", {.file = name});
  const QJsonObject root = doc.object();
  const Reader r{root, name, {}};
  if (r.text("format") != kFormatName) r.fail("format", std::string("not a zanplan session (expected \"") + kFormatName + "\")");
  const int version = static_cast<int>(r.number("version", 0, 1e6));
  if (version != kSessionFormatVersion) {
    r.fail("version", "session version " + std::to_string(version) + ": this zanplan reads version " +
                          std::to_string(kSessionFormatVersion) + (version > kSessionFormatVersion ? " (the file is newer)" : ""));
  }

  SessionState s;
  s.workspace = r.text("workspace");
  if (s.workspace.empty()) r.fail("workspace", "empty path");
  if (s.workspace.is_relative()) s.workspace = std::filesystem::absolute(path).parent_path() / s.workspace;
  s.profile = r.name("profile");
  s.method = r.text("method");
  if (s.method != "weighted-sum" && s.method != "topsis") r.fail("method", "expected \"weighted-sum\" or \"topsis\"");
  s.pene = r.boolean("pene");
  s.scenario = r.text("scenario");
  s.regime = r.name("regime");
  s.selected_site = r.text("selected_site");

  const QJsonValue weights = r.field("weights");
  if (!weights.isObject() || weights.toObject().isEmpty()) r.fail("weights", "expected an object of weights");
  const QJsonObject weights_object = weights.toObject();
  const Reader w{weights_object, name, "weights."};
  double sum = 0;
  for (const QString& id : weights_object.keys()) {
    const double weight = w.number(id.toStdString(), 0, 1);
    s.weights.emplace(id.toStdString(), weight);
    sum += weight;
  }
  if (std::abs(sum - 1) > 1e-6) r.fail("weights", "the weights sum to " + std::to_string(sum) + ", not 1");

  const QJsonValue view = r.field("view");
  if (!view.isObject()) r.fail("view", "expected an object");
  const QJsonObject view_object = view.toObject();
  const Reader v{view_object, name, "view."};
  s.view_center = {v.number("center_x", -kMercatorExtent, kMercatorExtent), v.number("center_y", -kMercatorExtent, kMercatorExtent)};
  s.view_resolution = v.number("metres_per_pixel", 0.01, kMaxResolution);
  return s;
}

}  // namespace zanplan::app
