"""Draws the Processing dialog of one zanplan algorithm to a PNG (for docs/qgis.md), headless.

Usage: ZANPLAN=… ZANPLAN_DATA_DIR=… python3 qgis/tools/dialog_screenshot.py ALGORITHM OUT.png [PARAMETER=VALUE…]
(Debian's /usr/bin/python3 with python3-qgis; QT_QPA_PLATFORM defaults to offscreen.)
"""
import os
import sys

os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')
sys.path.insert(0, '/usr/share/qgis/python/plugins')
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))

from qgis.core import QgsApplication  # noqa: E402

algorithm, out = sys.argv[1:3]
values = dict(argument.split('=', 1) for argument in sys.argv[3:])
app = QgsApplication([], True)
app.initQgis()
from processing.core.Processing import Processing  # noqa: E402
from processing.gui.AlgorithmDialog import AlgorithmDialog  # noqa: E402

from zanplan_processing.provider import ZanplanProvider  # noqa: E402

Processing.initialize()
provider = ZanplanProvider()
QgsApplication.processingRegistry().addProvider(provider)
# The dialog QGIS opens from the Processing Toolbox, without a main window around it.
dialog = AlgorithmDialog(provider.algorithm(algorithm).create(), False, None)
dialog.setParameters(values)
dialog.resize(1100, 820)
dialog.show()
for _ in range(20):
    app.processEvents()
if not dialog.grab().save(out, 'PNG'):
    sys.exit(f'cannot write {out}')
print(f'Wrote {out}')
app.exitQgis()
