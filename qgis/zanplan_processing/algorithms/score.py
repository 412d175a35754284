import os

from qgis.core import (QgsProcessingOutputFile, QgsProcessingOutputVectorLayer, QgsProcessingParameterBoolean,
                       QgsProcessingParameterFolderDestination)

from ..styles import LayerStyler
from .base import ZanplanAlgorithm

GEOJSON = 'GEOJSON'
OUTPUT_FOLDER = 'OUTPUT_FOLDER'
OUTPUT = 'OUTPUT'
CSV = 'CSV'
GEOJSON_FILE = 'GEOJSON_FILE'


class ScoreAlgorithm(ZanplanAlgorithm):
    command = 'score'
    title = 'Rank candidate sites'
    help_text = ('Runs zanplan score: ranks the profile\'s assembled sites (single parcels when none are '
                 'assembled), with exclusions and their reasons, sub-scores, score, Pareto flag and stability. '
                 'Writes sites-PROFILE.gpkg and sites-PROFILE.csv (and the GeoJSON) into the output folder; '
                 'the GeoPackage is loaded into the project with its own graduated style.')

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_workspace()
        self.add_profile()
        self.add_ranking_options()
        self.add_ledger_options()
        self.addParameter(QgsProcessingParameterBoolean(GEOJSON, 'Also write the GeoJSON (RFC 7946)', defaultValue=True))
        self.addParameter(QgsProcessingParameterFolderDestination(OUTPUT_FOLDER, 'Output folder'))
        self.addOutput(QgsProcessingOutputVectorLayer(OUTPUT, 'Ranked sites'))
        self.addOutput(QgsProcessingOutputFile(CSV, 'Ranked sites (CSV)'))
        self.addOutput(QgsProcessingOutputFile(GEOJSON_FILE, 'Ranked sites (GeoJSON)'))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        workspace = self.workspace(parameters, context)
        folder = self.parameterAsString(parameters, OUTPUT_FOLDER, context)
        formats = 'gpkg,csv,geojson' if self.parameterAsBool(parameters, GEOJSON, context) else 'gpkg,csv'
        self.run_program([workspace] + self.profile_options(parameters, context) + self.ranking_options(parameters, context)
                 + self.ledger_options(parameters, context) + ['--format', formats, '--out-dir', folder], feedback)
        name = self.profile_name(parameters, context)
        base = os.path.join(folder, f'sites-{name}')
        uri = f'{base}.gpkg|layername=sites_{name}'
        self.load_on_completion(uri, f'zanplan ranking ({name})', OUTPUT, context, LayerStyler.create())
        results = {OUTPUT: uri, CSV: base + '.csv', OUTPUT_FOLDER: folder}
        if 'geojson' in formats:
            results[GEOJSON_FILE] = base + '.geojson'
        return results
