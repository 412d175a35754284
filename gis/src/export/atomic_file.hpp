// A file written under a temporary name beside its target and renamed over the target
// only on commit(), so that readers never see a half-written export. Internal to gis.
#pragma once

#include <filesystem>

namespace zanplan::exporter {

class AtomicFile {
 public:
  // Throws an output error naming target when its directory does not exist or when it
  // exists and is not a regular file (a symbolic link to one is followed). Removes the
  // temporaries of the same target left by processes that no longer run.
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Same directory and extension as the target (GDAL drivers look at the extension).
  [[nodiscard]] const std::filesystem::path& temporary() const noexcept { return temporary_; }
  [[nodiscard]] const std::filesystem::path& target() const noexcept { return target_; }

  // Moves the temporary file over the target; throws an output error naming the target.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path replaced_;  // the target, or the file its symbolic link names
  std::filesystem::path temporary_;
  bool committed_ = false;
};

}  // namespace zanplan::exporter
