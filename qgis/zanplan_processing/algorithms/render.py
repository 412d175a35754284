from qgis.core import (QgsCoordinateReferenceSystem, QgsProcessingParameterBoolean, QgsProcessingParameterExtent,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterString)

from .base import ZanplanAlgorithm

EXTENT = 'EXTENT'
WIDTH = 'WIDTH'
HEIGHT = 'HEIGHT'
NO_SCORE = 'NO_SCORE'
SELECT = 'SELECT'
OUTPUT = 'OUTPUT'


class RenderAlgorithm(ZanplanAlgorithm):
    command = 'render'
    title = 'Draw the map'
    help_text = ('Runs zanplan render: draws the map of zanplan-map (communes by ZAN headroom, sites by score, '
                 'infrastructure, legend) to a PNG, of the whole region or of an extent. The image is a report '
                 'figure, not a georeferenced raster: it is loaded as an image layer without coordinates.')

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_workspace()
        self.add_profile()
        self.add_ranking_options(with_top=False)
        self.add_ledger_options()
        self.addParameter(QgsProcessingParameterExtent(EXTENT, 'Extent (default: the whole region)', optional=True))
        self.addParameter(QgsProcessingParameterNumber(WIDTH, 'Width (pixels)', QgsProcessingParameterNumber.Integer,
                                                       defaultValue=1600, minValue=64, maxValue=10000))
        self.addParameter(QgsProcessingParameterNumber(HEIGHT, 'Height (pixels)',
                                                       QgsProcessingParameterNumber.Integer, defaultValue=1200,
                                                       minValue=64, maxValue=10000))
        self.addParameter(QgsProcessingParameterBoolean(NO_SCORE, 'Region layers only (no scoring)', defaultValue=False))
        self.addParameter(QgsProcessingParameterString(SELECT, 'Site to highlight (its id)', optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(OUTPUT, 'Map image', 'PNG files (*.png)'))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        workspace = self.workspace(parameters, context)
        png = self.parameterAsFileOutput(parameters, OUTPUT, context)
        arguments = [workspace, '-o', png] + self.profile_options(parameters, context)
        arguments += self.ranking_options(parameters, context) + self.ledger_options(parameters, context)
        arguments += ['--width', str(self.parameterAsInt(parameters, WIDTH, context)),
                      '--height', str(self.parameterAsInt(parameters, HEIGHT, context))]
        if parameters.get(EXTENT) is not None:
            # The program takes longitudes and latitudes, whatever the project's CRS.
            extent = self.parameterAsExtent(parameters, EXTENT, context, QgsCoordinateReferenceSystem('EPSG:4326'))
            if not extent.isEmpty():
                arguments += ['--bbox'] + [repr(v) for v in (extent.xMinimum(), extent.yMinimum(),
                                                             extent.xMaximum(), extent.yMaximum())]
        if self.parameterAsBool(parameters, NO_SCORE, context):
            arguments.append('--no-score')
        select = self.parameterAsString(parameters, SELECT, context).strip()
        if select:
            arguments += ['--select', select]
        self.run_program(arguments, feedback)
        self.load_on_completion(png, 'zanplan map', OUTPUT, context, None, raster=True)
        return {OUTPUT: png}
