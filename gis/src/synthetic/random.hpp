// Seeded random numbers whose output is the same with every standard library: only the raw
// output of std::mt19937_64 (fully specified by the standard) is used; the distributions
// are implemented here. Internal to gis.
#pragma once

#include <cstdint>
#include <random>
#include <string_view>

namespace zanplan::synthetic {

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  // An independent stream for (seed, key, purpose), e.g. (seed, "59350", "parcels"), so
  // that one commune's numbers do not depend on the others' or on iteration order.
  static Random stream(std::uint64_t seed, std::string_view key, std::string_view purpose);

  double uniform();  // [0, 1), 53 random bits
  double uniform(double low, double high);
  double normal();  // standard normal (Box–Muller)
  double normal(double mean, double sd);
  // exp(N(mu, sigma²)); with mu = -sigma²/2 its mean is 1.
  double lognormal(double mu, double sigma);
  double lognormal_mean_one(double sigma);
  bool chance(double probability);

 private:
  std::mt19937_64 engine_;
};

// splitmix64 finaliser: mixes a 64-bit value.
std::uint64_t mix64(std::uint64_t value);
// FNV-1a hash of a string.
std::uint64_t hash64(std::string_view text);

}  // namespace zanplan::synthetic
