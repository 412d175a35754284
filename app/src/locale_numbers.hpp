// Numbers as the interface's language writes them: "12 345,6" and "35,0 %" in French,
// "12,345.6" and "35.0 %" in English. Every number the application shows goes through here,
// so that a French window never mixes decimal points and commas.
#pragma once

#include <QString>

namespace zanplan::app {

// `value` with `decimals` decimals and the default locale's separators; "–" when not finite.
QString format_number(double value, int decimals);
// A fraction (0.35) as a percentage ("35,0 %"), the sign kept from the space by a no-break space.
QString format_percent(double fraction, int decimals);

}  // namespace zanplan::app
