// The demo region (bundled real inputs, synthetic parcels at density 0.002), generated and
// imported once per test program, removed at exit.
#pragma once

#include <filesystem>

const std::filesystem::path& demo_workspace();
