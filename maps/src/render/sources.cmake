# Viewport, styles, the snapshot renderer and its overlays, and the canvas widget.
target_sources(zanplan_maps PRIVATE
  src/render/viewport.cpp
  src/render/style.cpp
  src/render/overlays.cpp
  src/render/label_placement.cpp
  src/render/renderer.cpp
  src/render/canvas.cpp
)
