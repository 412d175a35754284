// Temporary files written beside their target and renamed over it at the end (exports, the
// workspace built by import): their naming rule and the removal of those a killed run left.
// Internal to gis.
#pragma once

#include <filesystem>
#include <string>

namespace zanplan::files {

// "NAME.tmp-" for target DIR/NAME. A writer names its temporary NAME.tmp-PID, optionally
// followed by "-…" (a counter, an extension; SQLite adds -journal, -wal, -shm).
std::string temporary_prefix(const std::filesystem::path& target);

// This process's temporary for `target`: DIR/NAME.tmp-PID followed by `suffix`.
std::filesystem::path temporary_for(const std::filesystem::path& target, const std::string& suffix = "");

// Removes the temporaries of `target` in its directory whose writer process no longer
// exists; those of running processes (a concurrent writer) are kept. Errors are ignored:
// a temporary that cannot be removed now is tried again at the next run.
void remove_stale_temporaries(const std::filesystem::path& target);

}  // namespace zanplan::files
