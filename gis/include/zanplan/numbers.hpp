// One validation path for the numbers zanplan reads from files (profile, regime, manifest,
// CSV) and from command-line flags: finite, within a documented range, and an error that
// names the key (see docs/exit-codes.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "zanplan/error.hpp"

namespace zanplan {

struct NumberRange {
  double min;
  double max;
};

// Hectares anywhere in a ledger or a regime: no French region reaches 10 million ha, so a
// larger figure is a typo, and keeping sums far from overflow keeps every total finite.
inline constexpr double max_hectares = 10'000'000;

// `value` when it is finite and within [range.min, range.max]; otherwise an error of `kind`
// with `context` (its key names the setting) saying what was expected.
double check_number(double value, NumberRange range, ErrorKind kind, const ErrorContext& context);

// The whole of `text` as a number (decimal or exponent notation; no inf, nan or hex), or
// nullopt.
std::optional<double> parse_decimal(std::string_view text);

// A command-line number: `text` parsed and checked, or a usage error naming `flag`.
double flag_number(std::string_view text, const std::string& flag, NumberRange range);

// A command-line count: an integer in [min, max], or a usage error naming `flag`.
std::int64_t flag_integer(std::string_view text, const std::string& flag, std::int64_t min, std::int64_t max);

}  // namespace zanplan
