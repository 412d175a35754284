// libFuzzer target: the sources manifest reader (docs/sources-manifest.md).
#include "fuzz_input.hpp"
#include "zanplan/sources.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = zanplan::fuzz::write_input(data, size, ".toml");
  zanplan::fuzz::expect_clean([&] {
    const auto manifest = zanplan::load_sources(path);
    for (const auto& [key, entry] : manifest.entries) (void)zanplan::entry_files(entry);
  });
  return 0;
}
