// File → Export view…: the map as it is on screen, drawn as a report map (title, date,
// sources, north arrow, scale bar, legend with the candidate classes) to a PNG, or to a
// one-page PDF through Qt's PDF writer.
#pragma once

#include <QString>

#include "session.hpp"
#include "zanplan/maps/renderer.hpp"

namespace zanplan::app {

// The decorations of the session's map: what is scored (or the ledger alone), and the
// sources of the snapshot's visible layers and basemap.
maps::MapDecorations view_decorations(const Session& session, const maps::MapSnapshot& snapshot);

// Renders `snapshot` and writes it whole or not at all: a PDF when `path` ends in .pdf, else
// a PNG. False with a message naming the file on failure.
bool write_report_view(const maps::MapSnapshot& snapshot, const QString& path, QString* error);

}  // namespace zanplan::app
