#include "synthetic/random.hpp"

#include <cmath>
#include <numbers>

namespace zanplan::synthetic {

std::uint64_t mix64(std::uint64_t value) {
  value += 0x9E3779B97F4A7C15ULL;
  value = (value ^ (value >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  value = (value ^ (value >> 27U)) * 0x94D049BB133111EBULL;
  return value ^ (value >> 31U);
}

std::uint64_t hash64(std::string_view text) {
  std::uint64_t hash = 0xCBF29CE484222325ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001B3ULL;
  }
  return hash;
}

Random Random::stream(std::uint64_t seed, std::string_view key, std::string_view purpose) {
  return Random(mix64(mix64(seed) ^ mix64(hash64(key)) ^ hash64(purpose)));
}

double Random::uniform() {
  constexpr double two_to_minus_53 = 1.0 / 9007199254740992.0;
  return static_cast<double>(engine_() >> 11U) * two_to_minus_53;
}

double Random::uniform(double low, double high) { return low + (high - low) * uniform(); }

double Random::normal() {
  // 1 - uniform() lies in (0, 1], so the logarithm is finite.
  const double radius = std::sqrt(-2.0 * std::log(1.0 - uniform()));
  return radius * std::cos(2.0 * std::numbers::pi * uniform());
}

double Random::normal(double mean, double sd) { return mean + sd * normal(); }

double Random::lognormal(double mu, double sigma) { return std::exp(normal(mu, sigma)); }

double Random::lognormal_mean_one(double sigma) { return lognormal(-0.5 * sigma * sigma, sigma); }

bool Random::chance(double probability) { return uniform() < probability; }

}  // namespace zanplan::synthetic
