"""Opens a GeoPackage layer with PyQGIS, headless, and prints what QGIS makes of it: the
renderer type, each feature's symbol colour with the styled field's value, and the field
aliases. Used by the export tests; exits 3 when PyQGIS is not installed.

Usage: qgis_check.py FILE.gpkg LAYER FIELD
"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
try:
    from qgis.core import QgsApplication, QgsRenderContext, QgsVectorLayer
except ImportError:
    print("PyQGIS (python3-qgis) is not installed")
    sys.exit(3)


def main(path, layer_name, field):
    app = QgsApplication([], False)
    app.initQgis()
    layer = QgsVectorLayer(f"{path}|layername={layer_name}", layer_name, "ogr")
    if not layer.isValid():
        print(f"{path}: layer {layer_name} is not valid in QGIS")
        return 1
    renderer = layer.renderer()
    print(f"renderer {renderer.type()}")
    context = QgsRenderContext()
    renderer.startRender(context, layer.fields())
    for feature in layer.getFeatures():
        value = feature[field]
        symbols = renderer.symbolsForFeature(feature, context)
        colour = symbols[0].color().name() if symbols else "none"
        shown = "NULL" if value is None or (hasattr(value, "isNull") and value.isNull()) else value
        print(f"feature {feature.id()} {shown} {colour}")
    renderer.stopRender(context)
    for index, f in enumerate(layer.fields()):
        alias = layer.attributeAlias(index)
        if alias:
            print(f"alias {f.name()}={alias}")
    # The layer must go before QGIS's providers do, or the interpreter crashes at exit.
    del renderer, layer
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
