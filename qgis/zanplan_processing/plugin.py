"""The plugin only registers the Processing provider; everything else lives in Processing."""
from qgis.core import QgsApplication

from .provider import ZanplanProvider


class ZanplanPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None

    def initProcessing(self):  # noqa: N802 (QGIS API name)
        # Called by QGIS for plugins with hasProcessingProvider=yes, even before initGui.
        if self.provider is None:
            self.provider = ZanplanProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802
        self.initProcessing()

    def unload(self):
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
