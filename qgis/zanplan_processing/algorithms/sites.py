from qgis.core import QgsProcessingOutputVectorLayer, QgsProcessingParameterNumber

from ..styles import LayerStyler, sites_renderer
from .base import ZanplanAlgorithm

THREADS = 'THREADS'
OUTPUT = 'OUTPUT'


class SitesAlgorithm(ZanplanAlgorithm):
    command = 'sites'
    title = 'Assemble candidate sites'
    help_text = ('Runs zanplan sites: assembles contiguous, compact candidate sites of the profile\'s area range '
                 'from the workspace\'s cadastral parcels and stores them in the workspace (it is modified). '
                 'The sites layer is loaded into the project.')

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_workspace()
        self.add_profile()
        self.addParameter(QgsProcessingParameterNumber(THREADS, 'Worker threads (0: one per core)',
                                                       QgsProcessingParameterNumber.Integer, defaultValue=0,
                                                       minValue=0, maxValue=256))
        self.addOutput(QgsProcessingOutputVectorLayer(OUTPUT, 'Candidate sites'))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        workspace = self.workspace(parameters, context)
        threads = self.parameterAsInt(parameters, THREADS, context)
        self.run_program([workspace] + self.profile_options(parameters, context) + ['--threads', str(threads)], feedback)
        name = self.profile_name(parameters, context)
        uri = f'{workspace}|layername=sites_{name}'
        self.load_on_completion(uri, f'zanplan sites ({name})', OUTPUT, context, LayerStyler.create(sites_renderer))
        return {OUTPUT: uri}
