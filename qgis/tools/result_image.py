"""Runs zanplan:budget (communes) and zanplan:score through Processing, headless, and draws the
project QGIS then shows — the loaded outputs in their styles — to a PNG (for docs/qgis.md).

Usage: ZANPLAN=… ZANPLAN_DATA_DIR=… python3 qgis/tools/result_image.py WORKSPACE OUT_DIR OUT.png
(Debian's /usr/bin/python3 with python3-qgis; QT_QPA_PLATFORM defaults to offscreen.)
"""
import os
import sys

os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')
sys.path.insert(0, '/usr/share/qgis/python/plugins')
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))

from qgis.core import QgsApplication, QgsMapRendererParallelJob, QgsMapSettings, QgsProject  # noqa: E402
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

workspace, out_dir, out = sys.argv[1:4]
app = QgsApplication([], False)
app.initQgis()
import processing  # noqa: E402
from processing.core.Processing import Processing  # noqa: E402

from zanplan_processing.provider import ZanplanProvider  # noqa: E402

Processing.initialize()
provider = ZanplanProvider()  # kept: the registry does not keep the Python object alive
QgsApplication.processingRegistry().addProvider(provider)
os.makedirs(out_dir, exist_ok=True)
processing.runAndLoadResults('zanplan:budget', {'WORKSPACE': workspace, 'LEVEL': 'commune',
                                                'OUTPUT': os.path.join(out_dir, 'budget-communes.csv'),
                                                'CHOROPLETH': os.path.join(out_dir, 'budget-communes.geojson')})
score = processing.runAndLoadResults('zanplan:score', {'WORKSPACE': workspace, 'OUTPUT_FOLDER': out_dir})

project = QgsProject.instance()
sites = [layer for layer in project.mapLayers().values() if layer.source() == score['OUTPUT']][0]
budget = [layer for layer in project.mapLayers().values() if layer is not sites][0]
budget.setOpacity(0.45)  # the communes' status under the sites' score colours, told apart
settings = QgsMapSettings()
settings.setDestinationCrs(sites.crs())
settings.setLayers([sites, budget])  # top first
extent = sites.extent()
extent.scale(1.6)
settings.setExtent(extent)
settings.setOutputSize(QSize(1000, 700))
settings.setBackgroundColor(QColor(255, 255, 255))
job = QgsMapRendererParallelJob(settings)
job.start()
job.waitForFinished()
if not job.renderedImage().save(out, 'PNG'):
    sys.exit(f'cannot write {out}')
print(f'Wrote {out}')
app.exitQgis()
