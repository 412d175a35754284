# Sources of the dossier module (paths relative to maps/): the site dossier PDF.
target_sources(zanplan_maps PRIVATE
  src/dossier/pdf_document.cpp
  src/dossier/map_marks.cpp
  src/dossier/dossier_maps.cpp
  src/dossier/dossier.cpp
)
