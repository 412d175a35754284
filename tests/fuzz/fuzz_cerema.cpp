// libFuzzer target: the Cerema ENAF consumption CSV reader (docs/admin-import.md).
#include "formats/cerema.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = zanplan::fuzz::write_input(data, size, ".csv");
  zanplan::fuzz::expect_clean([&] {
    const auto file = zanplan::formats::read_cerema_consumption(path);
    for (const auto& record : file.records) (void)zanplan::formats::reference_consumption_m2(record, 2011, 2020);
  });
  return 0;
}
