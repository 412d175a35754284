// libFuzzer target: the legal regime TOML reader (docs/zan-rules.md).
#include "fuzz_input.hpp"
#include "zanplan/regime.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = zanplan::fuzz::write_input(data, size, ".toml");
  zanplan::fuzz::expect_clean([&] { (void)zanplan::load_regime(path); });
  return 0;
}
