// The language of what zanplan writes for people (explain, the site dossier, the map's
// details panel): English or French, chosen by --lang or by the locale, and numbers written
// the way each language writes them. Machine outputs (CSV, GeoJSON, GeoPackage) never
// depend on it.
#pragma once

#include <string>
#include <string_view>

namespace zanplan {

enum class Lang { en, fr };

// "en" or "fr".
std::string_view lang_code(Lang lang);

// "en"/"english" or "fr"/"french"/"français" (any case); a usage error naming `flag` otherwise.
Lang parse_lang(std::string_view text, const std::string& flag = "--lang");

// French when the first of LC_ALL, LC_MESSAGES, LANG that is set and not empty starts with
// "fr" (the order in which POSIX gives them precedence); English otherwise.
Lang lang_from_environment();

// `value` with `decimals` digits after the separator. English: "1234.50" (no grouping, as
// explain has always printed); French: decimal comma and a narrow no-break space (U+202F)
// between thousands, "1 234,50". NaN and infinities are spelled out ("unknown", "none").
std::string format_number(double value, int decimals, Lang lang);

// The shortest form of `value` (printf's %g), with a decimal comma in French.
std::string format_general(double value, Lang lang);

// A fraction as a percentage: 0.35 → "35.0 %" / "35,0 %" (French: no-break space before %).
std::string format_percent(double fraction, int decimals, Lang lang);

// A quantity with its unit: "12.50 ha" / "12,50 ha" (French: no-break space before the unit).
std::string format_quantity(double value, int decimals, std::string_view unit, Lang lang);

// `en` or `fr`, whichever `lang` asks for: the one way this code base picks a translation.
inline std::string_view pick(Lang lang, std::string_view en, std::string_view fr) { return lang == Lang::fr ? fr : en; }

}  // namespace zanplan
