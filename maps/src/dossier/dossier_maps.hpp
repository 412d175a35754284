// The dossier's two maps, drawn by the map renderer from the workspace's layers: the region
// with the site marked, and a close-up of the site with its parcels and dashed lines to the
// nearest substation, motorway access, freight rail point and port.
#pragma once

#include <QImage>
#include <filesystem>

#include "zanplan/assessment.hpp"
#include "zanplan/lang.hpp"
#include "zanplan/ledger.hpp"

namespace zanplan::maps::dossier {

struct DossierMaps {
  QImage location;
  QImage closeup;
};

DossierMaps draw_dossier_maps(const std::filesystem::path& workspace, const scoring::Profile& profile,
                              const Assessment& assessment, const Ledger& ledger, const AssessedSite& site, Lang lang);

}  // namespace zanplan::maps::dossier
