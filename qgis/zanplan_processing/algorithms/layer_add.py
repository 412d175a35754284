import os
import re
import tempfile

from qgis.core import (QgsProcessingException, QgsProcessingOutputVectorLayer, QgsProcessingParameterString,
                       QgsProcessingParameterVectorLayer, QgsProviderRegistry, QgsVectorFileWriter)

from .. import program
from ..runner import run_zanplan
from .base import ZanplanAlgorithm

NAME = 'NAME'
INPUT = 'INPUT'
SELECT = 'SELECT'
OUTPUT = 'OUTPUT'


def file_source(layer):
    """(path, layer name) when LAYER reads a whole file GDAL opens, else None: a database, a
    web service, a memory layer, or a filtered layer go through a copy instead."""
    if layer.providerType() != 'ogr' or layer.subsetString():
        return None
    parts = QgsProviderRegistry.instance().decodeUri('ogr', layer.source())
    path = parts.get('path') or ''
    if not os.path.isfile(path):
        return None
    return path, parts.get('layerName') or ''


class LayerAddAlgorithm(ZanplanAlgorithm):
    command = 'layer'
    title = 'Add a layer to the workspace'
    help_text = ('Runs zanplan layer add: imports a vector layer of the project (or any file GDAL opens) into the '
                 'workspace, reprojected to Lambert-93, repaired and indexed, with provenance "user". A profile '
                 'can then use it as an exclusion, a criterion or its candidate sites (docs/user-layers.md). '
                 'A file layer is read from its file, so the workspace records it as the source; any other '
                 'layer (database, web service, memory, filtered) is first copied to a temporary GeoPackage. '
                 'The workspace is modified; the new layer is loaded into the project.')

    def name(self):
        return 'layer_add'

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API names)
        self.add_workspace()
        self.addParameter(QgsProcessingParameterVectorLayer(INPUT, 'Layer to add'))
        self.addParameter(QgsProcessingParameterString(
            NAME, 'Name in the workspace (lowercase letters, digits and _, starting with a letter)'))
        self.addParameter(QgsProcessingParameterString(
            SELECT, 'Keep only features with FIELD=VALUE, comma-separated (same field: either value)', optional=True))
        self.addOutput(QgsProcessingOutputVectorLayer(OUTPUT, 'Added layer'))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        workspace = self.workspace(parameters, context)
        name = self.parameterAsString(parameters, NAME, context).strip()
        layer = self.parameterAsVectorLayer(parameters, INPUT, context)
        if layer is None:
            raise QgsProcessingException('a layer to add is needed')
        selections = []
        for item in re.split(r'\s*,\s*', self.parameterAsString(parameters, SELECT, context).strip()):
            if item:
                selections += ['--select', item]
        with tempfile.TemporaryDirectory(prefix='zanplan-layer-') as scratch:
            source = file_source(layer)
            if source is None:
                source = (self.copy_to_geopackage(layer, os.path.join(scratch, name + '.gpkg'), context), '')
            path, source_layer = source
            arguments = ['add', workspace, name, path] + (['--layer', source_layer] if source_layer else []) + selections
            # `layer add` reads no profile or regime: no data folder to pass.
            run_zanplan(program.find_program(), [self.command] + arguments, feedback)
        uri = f'{workspace}|layername={name}'
        self.load_on_completion(uri, f'{name} (zanplan workspace)', OUTPUT, context, None)
        return {OUTPUT: uri}

    @staticmethod
    def copy_to_geopackage(layer, path, context):
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = 'GPKG'
        options.layerName = 'layer'
        result = QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, context.transformContext(), options)
        if result[0] != QgsVectorFileWriter.NoError:
            raise QgsProcessingException(f'could not copy layer {layer.name()} for zanplan: {result[1]}')
        return path
