// What people read for zanplan's codes, in English and French: criteria, value functions,
// weighted items, land classes, ledger levels, charge routes, budget status. The codes
// themselves (criterion ids, level names) stay as they are in files and exports.
#pragma once

#include <string>
#include <string_view>

#include "zanplan/charge.hpp"
#include "zanplan/lang.hpp"
#include "zanplan/layer_measure.hpp"
#include "zanplan/ledger.hpp"
#include "zanplan/scoring/exclusion.hpp"
#include "zanplan/scoring/value_function.hpp"

namespace zanplan {

// "Distance to a connectable substation" / "Distance au poste électrique raccordable".
std::string_view criterion_label(scoring::Criterion criterion, Lang lang);

// What a criterion of the profile's own measures: "Distance to layer ppri (km)" / "Distance à
// la couche ppri (km)", "Share of the site covered by layer ppri", "Field niveau of layer ppri
// under the site".
std::string layer_measure_label(const LayerMeasureQuery& query, Lang lang);

// A profile's weighted item: a criterion's label, or the logistics group's.
std::string weighted_item_label(std::string_view item_id, Lang lang);

// "linear: 1 at 1, 0 at 25" / "linéaire : 1 à 1, 0 à 25".
std::string describe_value_function(const scoring::ValueFunction& function, Lang lang);

// "artificialised", "enaf", "brownfield", "unknown", "assembled" as words of `lang`.
std::string land_class_label(std::string_view land_class, Lang lang);

// "commune", "EPCI", "SCoT", "département", "region" / "région".
std::string_view level_label(Level level, Lang lang);

std::string_view charge_level_label(ChargeLevel level, Lang lang);
std::string_view charge_route_label(ChargeRoute route, Lang lang);
std::string_view budget_status_label(BudgetStatus status, Lang lang);

// Why a candidate is not ranked, as a phrase of `lang`, with its detail (a layer name,
// figures) in brackets; the code itself stays English in exports.
std::string exclusion_label(const scoring::Exclusion& exclusion, Lang lang);

}  // namespace zanplan
