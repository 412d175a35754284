from qgis.core import (QgsProcessingOutputVectorLayer, QgsProcessingParameterEnum,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterString)

from ..styles import LayerStyler, budget_renderer
from .base import ZanplanAlgorithm

LEVEL = 'LEVEL'
CODE = 'CODE'
OUTPUT = 'OUTPUT'
CHOROPLETH = 'CHOROPLETH'
LAYER = 'LAYER'

LEVELS = ('commune', 'epci', 'scot', 'departement', 'region')
LEVELS_WITH_OUTLINES = ('commune', 'epci', 'scot')


class BudgetAlgorithm(ZanplanAlgorithm):
    command = 'budget'
    title = 'ZAN budget ledger'
    help_text = ('Runs zanplan budget: the ZAN ledger per territory of one level (envelope, consumption, '
                 'commitments, transfers, remaining, status), optionally under a scenario. Writes the table as '
                 'CSV and, for communes, EPCI and SCoT, a GeoJSON choropleth loaded into the project and '
                 'coloured by status (over, tight, within); the other levels load the table.')

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_workspace()
        self.addParameter(QgsProcessingParameterEnum(LEVEL, 'Level', options=LEVELS, defaultValue='commune',
                                                     usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterString(
            CODE, 'Only this territory (at commune level: the communes inside it)', optional=True))
        self.add_ledger_options()
        self.addParameter(QgsProcessingParameterFileDestination(OUTPUT, 'Budget table', 'CSV files (*.csv)'))
        self.addParameter(QgsProcessingParameterFileDestination(
            CHOROPLETH, 'Choropleth (communes, EPCI and SCoT levels)', 'GeoJSON files (*.geojson)', optional=True))
        self.addOutput(QgsProcessingOutputVectorLayer(LAYER, 'Budget layer'))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        workspace = self.workspace(parameters, context)
        level = self.parameterAsEnumString(parameters, LEVEL, context)
        csv = self.parameterAsFileOutput(parameters, OUTPUT, context)
        choropleth = self.parameterAsFileOutput(parameters, CHOROPLETH, context)
        if choropleth and level not in LEVELS_WITH_OUTLINES:
            feedback.pushInfo(f'No choropleth at level {level}: its territories have no outlines in the workspace')
            choropleth = ''
        arguments = [workspace, '--level', level, '-o', csv] + self.ledger_options(parameters, context)
        code = self.parameterAsString(parameters, CODE, context).strip()
        if code:
            arguments += ['--code', code]
        if choropleth:
            arguments += ['--geojson', choropleth]
        self.run_program(arguments, feedback)
        if choropleth:
            layer = choropleth
            self.load_on_completion(layer, f'zanplan budget ({level})', LAYER, context,
                                    LayerStyler.create(budget_renderer))
        else:
            layer = csv
            self.load_on_completion(layer, f'zanplan budget ({level})', LAYER, context, None)
        results = {OUTPUT: csv, LAYER: layer}
        if choropleth:
            results[CHOROPLETH] = choropleth
        return results
