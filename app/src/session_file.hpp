// A planner's session as a small project file (`.zanplan`, JSON): which workspace, profile,
// weights, method, scenario and regime, what part of the map was in view and which site was
// selected. Written atomically; read with every field checked, so that a damaged file or one
// of another version is refused with a message naming the file and the field.
#pragma once

#include <QPointF>
#include <filesystem>
#include <map>
#include <string>

namespace zanplan::app {

inline constexpr int kSessionFormatVersion = 1;

struct SessionState {
  std::filesystem::path workspace;            // absolute once read
  std::string profile;
  std::map<std::string, double> weights;      // weighted item id → weight, summing to 1
  std::string method;                         // "weighted-sum" or "topsis"
  bool pene = false;
  std::string scenario;                       // empty: the envelopes as they stand
  std::string regime;
  QPointF view_center;                        // Web Mercator metres
  double view_resolution = 0;                 // metres per pixel
  std::string selected_site;                  // empty: none

  bool operator==(const SessionState&) const = default;
};

// Throws zanplan::Error (output) naming the file when it cannot be written; an earlier
// file at `path` is kept then.
void write_session(const std::filesystem::path& path, const SessionState& state);

// Throws zanplan::Error (input) naming the file and, for a bad field, its key. A relative
// workspace path is taken from the session file's folder.
SessionState read_session(const std::filesystem::path& path);

}  // namespace zanplan::app
