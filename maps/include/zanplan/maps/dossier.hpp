// A site dossier: a multi-page A4 PDF on one assessed candidate, to file or send — a location
// map and a close-up with its parcels and the infrastructure it is measured to, its facts,
// every criterion and weight, rank, stability and Pareto status, its ZAN impact at every
// level from commune to region, and the workspace's sources. See docs/dossier.md.
// Needs a QGuiApplication (fonts).
#pragma once

#include <QByteArray>
#include <filesystem>
#include <string>

#include "zanplan/assessment.hpp"
#include "zanplan/lang.hpp"

namespace zanplan::maps {

struct DossierRequest {
  AssessmentOptions options;  // workspace, profile, regime, scenario, PENE
  std::string site_id;
  Lang lang = Lang::en;
  // The assessment of `options` when the caller has it (the map does); else assessed here.
  const Assessment* assessment = nullptr;
  // Printed in every footer; empty: today (UTC).
  std::string date;
};

// The PDF's bytes. A usage error when the site is not a candidate of the profile within its
// area range (unknown id, or one explain shows as excluded by area).
QByteArray site_dossier_pdf(const DossierRequest& request);

// The same, written atomically to `pdf` (an output error names it when it cannot be written).
void write_site_dossier(const DossierRequest& request, const std::filesystem::path& pdf);

}  // namespace zanplan::maps
