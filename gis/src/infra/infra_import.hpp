// The infrastructure stage of `zanplan import`: substations, motorways, rail, ports,
// logistics areas, brownfields, business parks and farmland, each filtered to the region
// and written in Lambert-93 (docs/workspace.md, docs/infrastructure-import.md).
// Internal to gis.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "import/context.hpp"
#include "text/csv.hpp"

namespace zanplan::importer {

// Writes every layer below. Needs context.region (and, for the commune filters and codes,
// context.communes / current_code and the `communes` layer of the admin stage).
void import_infrastructure(Context& context);

namespace infra {

// How far outside the (simplified) region outline a feature may lie and still be kept.
inline constexpr double near_region_m = 2'000.0;   // substations, rail, brownfields, polygons
inline constexpr double port_region_m = 10'000.0;  // coastal ports sit on the shoreline

// One function per layer (each reads its manifest entries and records the provenance).
void import_substations(Context& context);      // `substations`
void import_motorways(Context& context);        // `motorway_segments` and `motorway_access`
void import_rail_points(Context& context);      // `rail_points`
void import_ports(Context& context);            // `ports`
void import_logistics_areas(Context& context);  // `logistics_areas`
void import_brownfields(Context& context);      // `brownfields`
void import_business_parks(Context& context);   // `business_parks`
void import_farmland(Context& context);         // `farmland`

// ---- pieces exposed for tests ----------------------------------------------------------

// The voltage of an RTE `Tension (kV)` label: "400kV" → 400; the labels without an AC
// voltage ("<45kV", "HORS TENSION", "COURANT CONTINU") → 0; nullopt for anything else.
std::optional<int> tension_kv(std::string_view label);

// Whether a substation can take a new connection.
bool is_connectable(std::string_view fonction, std::string_view etat, int tension_kv);

// The region's départements as TMJA writes them (zero-padded), from the region's communes,
// or, when those are unknown, from the TMJA markers that fall inside the region outline.
std::set<std::string> region_departements(Context& context, const text::CsvTable& tmja);

}  // namespace infra
}  // namespace zanplan::importer
