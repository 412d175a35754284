// libFuzzer target: the profile TOML reader (docs/scoring.md).
#include "fuzz_input.hpp"
#include "zanplan/scoring/profile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = zanplan::fuzz::write_input(data, size, ".toml");
  zanplan::fuzz::expect_clean([&] { (void)zanplan::scoring::load_profile(path); });
  return 0;
}
