"""QGIS plugin entry point: QGIS calls classFactory when it loads the plugin."""


def classFactory(iface):  # noqa: N802 (the name QGIS looks for)
    from .plugin import ZanplanPlugin
    return ZanplanPlugin(iface)
