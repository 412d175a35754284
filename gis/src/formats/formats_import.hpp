// The import stages for the two national formats: the Cerema ENAF consumption per commune
// and the Etalab cadastre parcels (with the land-cover table). Internal to gis.
#pragma once

#include "import/context.hpp"

namespace zanplan::importer {

// Writes the attribute table `enaf_consumption` from the manifest entry `enaf_consumption`
// (Cerema 2009–2023 layout): every column of the file (text for the id and label columns,
// Real for numbers), one row per commune of the region. Codes are remapped to the current
// COG; rows of communes merged since the edition are summed (ratio columns recomputed).
void import_enaf_consumption(Context& context);

// Writes the layer `parcels` from the manifest entry `parcels` (Etalab GeoJSON, optionally
// .json.gz) and, when present, `land_cover` (`id;land_class;enaf_share`).
void import_parcels(Context& context);

}  // namespace zanplan::importer
