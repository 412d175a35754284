"""Styles applied to the loaded outputs, once they are in the project.

The score GeoPackage carries its own QGIS style (its `layer_styles` table, docs/exports.md);
the budget choropleth and the workspace's site outlines get one here, in the map's colours.
"""
from qgis.core import (QgsCategorizedSymbolRenderer, QgsFillSymbol, QgsProcessingLayerPostProcessorInterface,
                       QgsRendererCategory, QgsSingleSymbolRenderer)

# The map's red-to-blue ZAN headroom ramp (maps/src/region/region_layers.cpp), one colour a status.
BUDGET_STATUS_COLOURS = (('over', '202,0,32', 'over the envelope'),
                         ('tight', '244,165,130', 'tight: under 10 % left'),
                         ('within', '146,197,222', 'within the envelope'))


def _fill(colour, outline='90,90,90', outline_width='0.2'):
    return QgsFillSymbol.createSimple({'color': colour, 'outline_color': outline, 'outline_width': outline_width})


def budget_renderer():
    categories = [QgsRendererCategory(value, _fill(colour), label) for value, colour, label in BUDGET_STATUS_COLOURS]
    return QgsCategorizedSymbolRenderer('status', categories)


def sites_renderer():
    return QgsSingleSymbolRenderer(_fill('0,104,55,90', outline='0,104,55', outline_width='0.5'))


class LayerStyler(QgsProcessingLayerPostProcessorInterface):
    """Styles one loaded output: with the layer's own default style (the one its file carries)
    when `renderer_factory` is None, else with the renderer it makes."""

    # Processing holds only a C++ pointer to a post-processor: the Python object must outlive
    # the run, so the last few are kept here.
    _alive = []

    def __init__(self, renderer_factory=None):
        super().__init__()
        self.renderer_factory = renderer_factory

    @classmethod
    def create(cls, renderer_factory=None):
        styler = cls(renderer_factory)
        cls._alive.append(styler)
        del cls._alive[:-32]
        return styler

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS API name)
        if self.renderer_factory is None:
            message, loaded = layer.loadDefaultStyle()
            if not loaded:
                feedback.pushWarning(f'{layer.name()}: its own style could not be loaded ({message})')
        else:
            layer.setRenderer(self.renderer_factory())
        layer.triggerRepaint()
