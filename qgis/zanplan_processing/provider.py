"""The zanplan Processing provider: its algorithms and its two settings (the program, the data folder)."""
import os

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from processing.core.ProcessingConfig import ProcessingConfig, Setting

from . import program
from .algorithms import ALGORITHMS


class ZanplanProvider(QgsProcessingProvider):

    def id(self):
        return 'zanplan'

    def name(self):
        return 'zanplan'

    def longName(self):  # noqa: N802 (QGIS API names)
        return 'zanplan: site selection and ZAN land-take budgets'

    def icon(self):
        return QIcon(os.path.join(os.path.dirname(__file__), 'icon.svg'))

    def load(self):
        ProcessingConfig.settingIcons[self.name()] = self.icon()
        ProcessingConfig.addSetting(Setting(self.name(), program.PROGRAM_SETTING,
                                            'zanplan program (empty: the ZANPLAN variable, else PATH)', '',
                                            valuetype=Setting.FILE))
        ProcessingConfig.addSetting(Setting(self.name(), program.DATA_DIR_SETTING,
                                            'Data folder with profiles/ and regimes/ (empty: the program\'s)', '',
                                            valuetype=Setting.FOLDER))
        ProcessingConfig.readSettings()
        self.refreshAlgorithms()
        return True

    def unload(self):
        ProcessingConfig.removeSetting(program.PROGRAM_SETTING)
        ProcessingConfig.removeSetting(program.DATA_DIR_SETTING)

    def loadAlgorithms(self):  # noqa: N802
        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm())
